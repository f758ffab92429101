// A sample front end of the portal API: signs a portal user in with the authorization code flow and PKCE (S256) on
// the company's hosted sign-in page, then lists the user's invoices through a client typed by openapi/v1.json.
import createClient from 'openapi-fetch';
import type { components, paths } from './api/schema';

type Invoice = components['schemas']['PortalInvoiceSummary'];
type Money = components['schemas']['MoneyDocument'];

/** Where the API is, the company's publishable key and this app's client id: index.html's #config. */
interface Config {
  api: string;
  key: string;
  clientId: string;
}

const config: Config = JSON.parse(document.getElementById('config')?.textContent ?? '{}');
const redirectUri = location.origin + location.pathname;
const tokenKey = 'sample-spa:token';
const pendingKey = 'sample-spa:pending';
const view = document.getElementById('app') as HTMLElement;

function base64Url(bytes: ArrayBuffer | Uint8Array): string {
  return btoa(String.fromCharCode(...new Uint8Array(bytes))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function element<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, attributes: Record<string, string> = {}): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  return node;
}

function money(m: Money): string {
  return new Intl.NumberFormat('en-US', { style: 'currency', currency: m.currency.toUpperCase() }).format(m.amount / 100);
}

/** Off to the hosted sign-in page with a fresh verifier, its S256 challenge and a state. */
async function signIn(): Promise<void> {
  const verifier = base64Url(crypto.getRandomValues(new Uint8Array(32)));
  const state = base64Url(crypto.getRandomValues(new Uint8Array(16)));
  const challenge = base64Url(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)));
  // localStorage, not sessionStorage: a magic link from the sign-in page's email opens in a new tab, which must find it.
  localStorage.setItem(`${pendingKey}:${state}`, JSON.stringify({ verifier }));
  const query = new URLSearchParams({
    response_type: 'code', client_id: config.clientId, redirect_uri: redirectUri, state, code_challenge: challenge, code_challenge_method: 'S256',
  });
  location.assign(`${config.api}/oauth/authorize?${query}`);
}

/** Back from the sign-in page: redeems the code for a sign-in this browser started, and cleans the address. */
async function completeSignIn(): Promise<string | null> {
  const params = new URLSearchParams(location.search);
  const slot = `${pendingKey}:${params.get('state') ?? ''}`;
  const pending = JSON.parse(localStorage.getItem(slot) ?? 'null') as { verifier: string } | null;
  if (!pending || !params.has('code')) return null;
  localStorage.removeItem(slot);
  history.replaceState(null, '', location.pathname);
  const response = await fetch(`${config.api}/oauth/token`, {
    method: 'POST',
    body: new URLSearchParams({
      grant_type: 'authorization_code', code: params.get('code') ?? '', redirect_uri: redirectUri, client_id: config.clientId, code_verifier: pending.verifier,
    }),
  });
  if (!response.ok) return null;
  const tokens = (await response.json()) as { access_token: string };
  sessionStorage.setItem(tokenKey, tokens.access_token);
  return tokens.access_token;
}

function showSignIn(message?: string): void {
  const button = element('button', 'Sign in', { type: 'button' });
  button.addEventListener('click', () => void signIn());
  view.replaceChildren(...(message ? [element('p', message, { role: 'alert' })] : []), button);
}

function invoiceTable(invoices: Invoice[]): HTMLElement {
  const table = element('table');
  table.append(element('caption', 'Your invoices'));
  const head = element('tr');
  for (const title of ['Invoice', 'Status', 'Due', 'Total', 'Balance']) head.append(element('th', title, { scope: 'col' }));
  table.append(element('thead'), element('tbody'));
  table.tHead!.append(head);
  for (const invoice of invoices) {
    const row = element('tr', undefined, { 'data-invoice': invoice.id });
    row.append(element('th', invoice.number, { scope: 'row' }), element('td', invoice.status), element('td', invoice.dueDate ?? ''),
      element('td', money(invoice.total)), element('td', money(invoice.balance)));
    table.tBodies[0].append(row);
  }
  return table;
}

async function main(): Promise<void> {
  const token = (await completeSignIn()) ?? sessionStorage.getItem(tokenKey);
  if (!token) {
    showSignIn();
    return;
  }

  const portal = createClient<paths>({ baseUrl: config.api, headers: { 'X-Portal-Key': config.key, Authorization: `Bearer ${token}` } });
  const me = await portal.GET('/v1/portal/me');
  if (!me.data) {
    sessionStorage.removeItem(tokenKey);
    showSignIn('Your session has ended. Please sign in again.');
    return;
  }
  const invoices = await portal.GET('/v1/portal/invoices', { params: { query: { limit: 50 } } });
  const signOut = element('button', 'Sign out', { type: 'button' });
  signOut.addEventListener('click', () => {
    sessionStorage.removeItem(tokenKey);
    showSignIn();
  });
  view.replaceChildren(
    element('p', `Signed in as ${me.data.email ?? 'a customer'}.`, { role: 'status' }),
    invoices.data ? invoiceTable(invoices.data.data) : element('p', 'Your invoices could not be loaded.', { role: 'alert' }),
    signOut);
}

void main();
