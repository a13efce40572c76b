import { NextResponse } from 'next/server';
import { supabaseServer } from '../../../lib/supabase-server';

export async function POST(request: Request) {
  const form = await request.formData();
  const supabase = await supabaseServer();
  const { error } = await supabase.auth.signInWithPassword({
    email: String(form.get('email') ?? ''),
    password: String(form.get('password') ?? ''),
  });
  const target = new URL(error ? `/?error=${encodeURIComponent(error.message)}` : '/', request.url);
  return NextResponse.redirect(target, { status: 303 });
}
