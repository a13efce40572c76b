// Runs the built @billingos/supabase session route once, in whichever Node runs this file, for
// the Supabase access token in ACCESS_TOKEN, and prints what came back.
import { billingos } from '@billingos/supabase';

const env = process.env;
const route = billingos.createSessionRoute({ supabaseUrl: env.SUPABASE_URL, supabaseKey: env.SUPABASE_KEY, secretKey: env.SECRET_KEY, apiUrl: env.API_URL });
const response = await route(new Request('http://127.0.0.1:3000/api/billingos-session', { headers: { authorization: `Bearer ${env.ACCESS_TOKEN}` } }));
const body = await response.json();
console.log(JSON.stringify({ node: process.version, globalWebSocket: typeof globalThis.WebSocket === 'function', status: response.status, sessionToken: body.sessionToken }));
