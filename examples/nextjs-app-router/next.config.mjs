/** @type {import('next').NextConfig} */
const nextConfig = {
  // Server-only packages with optional native add-ons stay as Node requires.
  serverExternalPackages: ['ws'],
};

export default nextConfig;
