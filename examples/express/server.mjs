// The Express example: your own login (a signed cookie), a BillingOS session-token route, and a billing dashboard.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { join } from 'node:path';
import express from 'express';
import { BillingOS } from '@billingos/node';
import { createSessionHandler } from '@billingos/node/helpers/generic';
import { AI_CREDITS, ensureDemoCatalog } from './catalog.mjs';

const port = Number(process.env.PORT ?? 3000);
const apiUrl = process.env.BILLINGOS_API_URL ?? 'http://localhost:3001';
const sessionSecret = process.env.SESSION_SECRET ?? randomBytes(32).toString('hex');
const billing = new BillingOS({ apiUrl }); // reads BILLINGOS_SECRET_KEY

// --- "Generic auth": whatever your app already uses. Here, a signed cookie `demo_user`.
const sign = (userId) => createHmac('sha256', sessionSecret).update(userId).digest('base64url');
const cookieValue = (userId) => `${encodeURIComponent(userId)}.${sign(userId)}`;

function userFromCookie(cookieHeader) {
  const match = /(?:^|;\s*)demo_user=([^;]+)/.exec(cookieHeader ?? '');
  if (!match) return null;
  const [encoded, signature = ''] = match[1].split('.');
  const userId = decodeURIComponent(encoded);
  const expected = Buffer.from(sign(userId));
  const given = Buffer.from(signature);
  return given.length === expected.length && timingSafeEqual(given, expected) ? userId : null;
}

const app = express();
app.use(express.urlencoded({ extended: false }));

// --- The one BillingOS route: who is logged in → a short-lived session token for the browser.
app.get(
  '/api/billingos-session',
  createSessionHandler(
    { billingos: billing, allowedOperations: ['read_customer', 'read_subscription', 'read_entitlements', 'manage_subscription'] },
    (request) => {
      const userId = userFromCookie(request.headers.get('cookie'));
      return userId ? { userId } : null;
    },
  ),
);

// --- Your own feature, metered: the server checks and counts one AI credit in one step, with the
// secret key. The browser never tracks usage; it only shows the meter (and refetches it).
app.post('/api/generate', async (req, res) => {
  const userId = userFromCookie(req.headers.cookie);
  if (!userId) return res.status(401).json({ error: 'Sign in first.' });
  const check = await billing.entitlements.check({ externalUserId: userId, featureKey: AI_CREDITS, track: true });
  if (!check.allowed) return res.status(402).json({ error: 'No AI credits left on your plan.', balance: check.balance, resetsAt: check.resetsAt });
  res.json({ result: `Idea #${check.usage}: a haiku about invoices.`, balance: check.balance });
});

app.post('/login', (req, res) => {
  const userId = String(req.body.userId ?? '').trim() || 'demo-user';
  res.cookie('demo_user', cookieValue(userId), { httpOnly: true, sameSite: 'lax', path: '/', encode: String });
  res.redirect('/');
});

app.post('/logout', (_req, res) => {
  res.clearCookie('demo_user', { path: '/' });
  res.redirect('/');
});

const catalog = await ensureDemoCatalog(billing);
if (catalog.outdated) {
  console.log(
    'This BillingOS data also holds the plans of an older demo (without AI credits). The "Plans" table lists only the current ones; ' +
      "the portal's plan list shows every active product (products cannot be archived yet): start from fresh data (remove .billingos/data) to drop them.",
  );
}

app.get('/config.json', (_req, res) => res.json({ apiUrl, productIds: catalog.productIds }));
app.use(express.static(join(import.meta.dirname, 'public')));

const server = app.listen(port, () => {
  console.log(`Example dashboard on http://localhost:${server.address().port} (BillingOS API ${apiUrl})`);
});
