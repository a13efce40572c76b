import { supabaseServer } from '../../../lib/supabase-server';

export async function POST(request: Request) {
  const form = await request.formData();
  const supabase = await supabaseServer();
  const { error } = await supabase.auth.signInWithPassword({
    email: String(form.get('email') ?? ''),
    password: String(form.get('password') ?? ''),
  });
  const location = error ? `/?error=${encodeURIComponent(error.message)}` : '/';
  // A relative Location keeps the browser on the host it used, where the cookies were just set.
  return new Response(null, { status: 303, headers: { Location: location } });
}
