/*! HeadlessPortal widgets v1: <portal-booking-request>, <portal-pay-link> and <portal-sign-in>. No dependencies. docs/WIDGETS.md */
(() => {
  'use strict';

  // Where this file was loaded from names the API: .../widgets/v1/portal-widgets.js -> ...
  const script = document.currentScript;
  const api = script && script.src ? new URL('../../', script.src).href : new URL('/', location.href).href;

  const configs = new Map();
  const portals = new Map();

  /** One request to the API; resolves to { ok, status, data } and never rejects on an HTTP status. */
  async function call(key, method, path, body, headers) {
    const init = { method, headers: Object.assign({ 'X-Portal-Key': key }, headers || {}), credentials: 'omit' };
    if (body !== undefined) {
      init.headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(body);
    }
    const response = await fetch(api + path.replace(/^\//, ''), init);
    const text = await response.text();
    let data = null;
    try { data = text ? JSON.parse(text) : null; } catch (e) { data = null; }
    return { ok: response.ok, status: response.status, data };
  }

  /**
   * Whether this page's origin is registered on the key, asked without a custom header so the browser sends no
   * preflight: on an origin that is not registered the widget shows a message and the console stays quiet.
   */
  function config(key) {
    if (!configs.has(key)) {
      configs.set(key, fetch(api + 'widgets/v1/config?key=' + encodeURIComponent(key), { credentials: 'omit' })
        .then(r => r.json()));
    }
    return configs.get(key);
  }

  function portal(key) {
    if (!portals.has(key)) {
      portals.set(key, call(key, 'GET', '/v1/public/portal').then(r => (r.ok ? r.data : null)));
    }
    return portals.get(key);
  }

  function uuid() {
    const b = crypto.getRandomValues(new Uint8Array(16));
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    const h = Array.from(b, x => x.toString(16).padStart(2, '0')).join('');
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
  }

  function money(m) {
    if (!m) return '';
    try {
      return new Intl.NumberFormat(undefined, { style: 'currency', currency: m.currency }).format(m.amount / 100);
    } catch (e) {
      return (m.amount / 100).toFixed(2) + ' ' + m.currency;
    }
  }

  /** Black or white text, whichever reads better on the brand colour (WCAG relative luminance). */
  function textOn(hex) {
    const m = /^#?([0-9a-f]{6})$/i.exec(hex || '');
    if (!m) return '#ffffff';
    const c = [0, 2, 4].map(i => parseInt(m[1].slice(i, i + 2), 16) / 255)
      .map(v => (v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4)));
    const l = 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
    return (l + 0.05) / 0.05 > 1.05 / (l + 0.05) ? '#000000' : '#ffffff';
  }

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === false || v === null || v === undefined) continue;
      if (k === 'text') node.textContent = v;
      else node.setAttribute(k, v === true ? '' : v);
    }
    for (const child of children) {
      if (child !== null && child !== undefined) node.append(child);
    }
    return node;
  }

  const STYLE = `
:host { display: block; font: inherit; color: #1a1a1a; --portal-primary: #1f5fbf; --portal-on-primary: #ffffff; }
.card { border: 1px solid #c8c8c8; border-radius: 8px; padding: 1rem 1.25rem; background: #ffffff; max-width: 36rem; }
h2 { font-size: 1.25rem; margin: 0 0 .75rem; }
.brand { display: flex; align-items: center; gap: .5rem; margin-bottom: .75rem; }
.brand img { max-height: 2rem; }
label { display: block; font-weight: 600; margin: .75rem 0 .25rem; }
input, select, textarea { font: inherit; width: 100%; box-sizing: border-box; padding: .45rem .5rem; border: 1px solid #767676; border-radius: 4px; }
input[aria-invalid="true"], select[aria-invalid="true"], textarea[aria-invalid="true"] { border-color: #b00020; }
.row { display: flex; gap: .75rem; } .row > div { flex: 1; }
.hint { color: #4a4a4a; font-size: .875rem; margin: .15rem 0 0; }
.error { color: #b00020; font-size: .875rem; margin: .25rem 0 0; }
.alert { color: #b00020; border-left: 4px solid #b00020; padding: .5rem .75rem; margin: .75rem 0; background: #fdf2f4; }
.ok { border-left: 4px solid #1b7f3b; padding: .5rem .75rem; background: #f1f8f3; }
button { font: inherit; font-weight: 600; margin-top: 1rem; padding: .6rem 1.2rem; border: 0; border-radius: 4px;
  background: var(--portal-primary); color: var(--portal-on-primary); cursor: pointer; }
button[disabled] { opacity: .6; cursor: progress; }
button:focus-visible, input:focus-visible, select:focus-visible, textarea:focus-visible { outline: 3px solid #1a1a1a; outline-offset: 2px; }
fieldset { border: 0; padding: 0; margin: 0; }
legend { font-weight: 600; margin-top: .75rem; }
dl { display: grid; grid-template-columns: auto 1fr; gap: .25rem 1rem; margin: .5rem 0; } dt { color: #4a4a4a; } dd { margin: 0; font-weight: 600; }
`;

  class PortalWidget extends HTMLElement {
    connectedCallback() {
      if (this.shadowRoot) return;
      const root = this.attachShadow({ mode: 'open' });
      this.body = el('div', { class: 'card', part: 'card' });
      // A constructed sheet needs no 'unsafe-inline' in the site's Content-Security-Policy; a <style> where that is missing.
      if ('adoptedStyleSheets' in root && 'replaceSync' in CSSStyleSheet.prototype) {
        const sheet = new CSSStyleSheet();
        sheet.replaceSync(STYLE);
        root.adoptedStyleSheets = [sheet];
        root.append(this.body);
      } else {
        root.append(el('style', { text: STYLE }), this.body);
      }
      this.key = this.getAttribute('data-key') || '';
      this.start();
    }

    async start() {
      this.show(el('p', { role: 'status', text: 'Loading…' }));
      if (!this.key) {
        this.fail('This widget needs the company\'s publishable key in its data-key attribute.');
        return;
      }
      let settings;
      try {
        settings = await config(this.key);
      } catch (e) {
        this.fail('This form cannot reach the company right now. Please try again later.');
        return;
      }
      if (!settings.allowed) {
        this.fail(settings.message || 'This form is not available on this website.', settings.code);
        return;
      }
      this.settings = settings;
      const info = await portal(this.key).catch(() => null);
      if (info && info.branding) {
        this.company = info.branding.displayName;
        if (info.branding.primaryColor) {
          this.style.setProperty('--portal-primary', info.branding.primaryColor);
          this.style.setProperty('--portal-on-primary', textOn(info.branding.primaryColor));
        }
      }
      try {
        await this.render(info);
      } catch (e) {
        this.fail('Something went wrong. Please try again later.');
      }
    }

    show(...nodes) {
      this.body.replaceChildren(...nodes);
    }

    fail(message, code) {
      this.setAttribute('data-state', 'unavailable');
      this.show(el('p', { class: 'alert', role: 'alert', 'data-code': code || null, text: message }));
    }

    heading(text) {
      return el('h2', { text });
    }
  }

  /** A problem response's message for the person: the first field error, else its detail or title. */
  function problemMessage(problem, fallback) {
    if (problem && problem.errors) {
      const first = Object.values(problem.errors)[0];
      if (first && first.length) return first[0];
    }
    return (problem && (problem.detail || problem.title)) || fallback;
  }

  class BookingRequest extends PortalWidget {
    async render() {
      const options = await call(this.key, 'GET', '/v1/public/booking-options');
      if (!options.ok) {
        this.fail(problemMessage(options.data, 'Booking requests are not available right now.'), options.data && options.data.code);
        return;
      }
      const o = options.data;
      const id = n => `pbr-${n}`;
      const field = (name, label, input, hint) => {
        input.id = id(name);
        input.name = name;
        const describedBy = [];
        const parts = [el('label', { for: input.id, text: label }), input];
        if (hint) {
          parts.push(el('p', { class: 'hint', id: id(name) + '-hint', text: hint }));
          describedBy.push(id(name) + '-hint');
        }
        const error = el('p', { class: 'error', id: id(name) + '-error', hidden: true });
        describedBy.push(error.id);
        input.setAttribute('aria-describedby', describedBy.join(' '));
        parts.push(error);
        return el('div', { 'data-field': name }, ...parts);
      };
      const text = (type, autocomplete, required) => el('input', { type, autocomplete, 'aria-required': required ? 'true' : null });
      const jobType = el('select', { 'aria-required': 'true' },
        el('option', { value: '', text: 'Choose…' }),
        ...o.jobTypes.map(t => el('option', { value: t.id, text: t.name })));
      const from = el('input', { type: 'date', min: o.today, value: o.today, 'aria-required': 'true' });
      const to = el('input', { type: 'date', min: o.today, value: o.today, 'aria-required': 'true' });
      const alert = el('div', { role: 'alert' });
      const submit = el('button', { type: 'submit', text: 'Send request' });
      const form = el('form', { novalidate: true, 'aria-label': 'Booking request' },
        field('name', 'Your name', text('text', 'name', true)),
        field('email', 'Email', text('email', 'email', true)),
        field('phone', 'Phone', text('tel', 'tel', true), 'With the country code, such as +15555550123.'),
        field('address.line1', 'Street address', text('text', 'address-line1', true)),
        field('address.line2', 'Apartment, suite (optional)', text('text', 'address-line2', false)),
        el('div', { class: 'row' },
          field('address.city', 'City', text('text', 'address-level2', true)),
          field('address.region', 'State', text('text', 'address-level1', false)),
          field('address.postalCode', 'ZIP code', text('text', 'postal-code', false))),
        field('address.country', 'Country', Object.assign(text('text', 'country', true), { value: 'US' }), 'Two letters, such as US.'),
        field('jobTypeId', 'What do you need?', jobType),
        el('fieldset', {},
          el('legend', { text: 'When would suit you?' }),
          el('div', { class: 'row' }, field('preferredWindows.from', 'From', from), field('preferredWindows.to', 'To', to))),
        field('description', 'Anything we should know? (optional)', el('textarea', { rows: '3', maxlength: '2000' })),
        alert,
        submit);
      this.show(this.heading(this.company ? `Request a visit from ${this.company}` : 'Request a visit'), form);

      form.addEventListener('submit', async event => {
        event.preventDefault();
        const v = n => (form.elements[n].value || '').trim();
        const optional = n => v(n) || null;
        const body = {
          name: optional('name'), email: optional('email'), phone: optional('phone'),
          address: { line1: optional('address.line1'), line2: optional('address.line2'), city: optional('address.city'),
            region: optional('address.region'), postalCode: optional('address.postalCode'), country: optional('address.country') },
          jobTypeId: optional('jobTypeId'),
          preferredWindows: [{ from: optional('preferredWindows.from'), to: optional('preferredWindows.to') }],
          description: optional('description'),
        };
        for (const node of form.querySelectorAll('.error')) { node.hidden = true; node.textContent = ''; }
        for (const node of form.querySelectorAll('[aria-invalid]')) node.removeAttribute('aria-invalid');
        alert.replaceChildren();
        submit.disabled = true;
        let result;
        try {
          result = await call(this.key, 'POST', '/v1/public/booking-requests', body);
        } catch (e) {
          result = { ok: false, data: null };
        } finally {
          submit.disabled = false;
        }
        if (result.ok) {
          this.setAttribute('data-state', 'sent');
          this.show(this.heading('Request sent'), el('p', { class: 'ok', role: 'status',
            text: `Thank you, ${body.name}. ${this.company || 'The company'} has your request and will be in touch to confirm a time.` }));
          return;
        }
        const problem = result.data;
        let placed = 0;
        for (const [path, messages] of Object.entries((problem && problem.errors) || {})) {
          const name = fieldFor(path);
          const holder = name && form.querySelector(`[data-field="${name}"]`);
          if (!holder) continue;
          const input = holder.querySelector('input, select, textarea');
          const error = holder.querySelector('.error');
          input.setAttribute('aria-invalid', 'true');
          error.textContent = messages.join(' ');
          error.hidden = false;
          placed++;
        }
        alert.replaceChildren(el('p', { class: 'alert', text: placed
          ? 'Please check the highlighted fields.'
          : problemMessage(problem, 'Your request could not be sent. Please try again later.') }));
        const invalid = form.querySelector('[aria-invalid="true"]');
        if (invalid) invalid.focus();
      });
    }
  }

  /** The form field a problem's error key names ("address.city", "preferredWindows[0].from", "PreferredWindows"). */
  function fieldFor(path) {
    const p = path.replace(/\[\d+\]/g, '').replace(/^\$\./, '');
    const names = ['name', 'email', 'phone', 'address.line1', 'address.line2', 'address.city', 'address.region', 'address.postalCode',
      'address.country', 'jobTypeId', 'preferredWindows.from', 'preferredWindows.to', 'description'];
    const lower = p.toLowerCase();
    const exact = names.find(n => n.toLowerCase() === lower);
    if (exact) return exact;
    if (lower === 'preferredwindows') return 'preferredWindows.from';
    if (lower === 'address') return 'address.line1';
    return null;
  }

  let stripeJs;
  function loadStripe(url) {
    if (window.Stripe) return Promise.resolve(window.Stripe);
    if (!stripeJs) {
      stripeJs = new Promise((resolve, reject) => {
        const s = document.createElement('script');
        s.src = url;
        s.async = true;
        s.onload = () => (window.Stripe ? resolve(window.Stripe) : reject(new Error('Stripe.js did not load')));
        s.onerror = () => reject(new Error('Stripe.js did not load'));
        document.head.append(s);
      });
    }
    return stripeJs;
  }

  class PayLink extends PortalWidget {
    async render() {
      this.token = this.getAttribute('data-token') || new URLSearchParams(location.search).get('token') || '';
      if (!this.token) {
        this.fail('This payment link is incomplete: open it from the email or text message you received.');
        return;
      }
      const link = await call(this.key, 'GET', `/v1/public/payment-links/${encodeURIComponent(this.token)}`);
      if (!link.ok) {
        this.fail(link.status === 404
          ? 'This payment link has expired or is no longer valid. Please contact the company for a new one.'
          : problemMessage(link.data, 'This payment link cannot be opened right now.'), link.data && link.data.code);
        return;
      }
      const view = link.data;
      const invoice = view.invoice;
      this.company = view.company.displayName || this.company;
      const summary = el('dl', {},
        el('dt', { text: 'Invoice' }), el('dd', { text: invoice.number }),
        el('dt', { text: 'Total' }), el('dd', { text: money(invoice.total) }),
        el('dt', { text: 'Balance due' }), el('dd', { 'data-balance': String(invoice.balance.amount), text: money(invoice.balance) }),
        invoice.dueDate ? el('dt', { text: 'Due' }) : null, invoice.dueDate ? el('dd', { text: invoice.dueDate }) : null);
      const title = this.heading(`Pay ${this.company}`);
      if (invoice.balance.amount <= 0) {
        this.show(title, summary, el('p', { class: 'ok', role: 'status', text: 'This invoice is paid. Thank you!' }));
        return;
      }
      if (!invoice.payment.payable || !view.stripe) {
        this.show(title, summary, el('p', { class: 'alert', role: 'alert',
          text: 'This invoice cannot be paid online right now. Please contact the company.' }));
        return;
      }

      const Stripe = await loadStripe(this.settings.stripeJs);
      const stripe = Stripe(view.stripe.publishableKey, { stripeAccount: view.stripe.accountId });
      const amount = invoice.payableAmount && invoice.payableAmount.amount > 0 ? invoice.payableAmount : invoice.balance;
      const elements = stripe.elements({
        mode: 'payment', amount: amount.amount, currency: amount.currency.toLowerCase(), paymentMethodCreation: 'manual',
        paymentMethodTypes: ['card'],
        appearance: { variables: { colorPrimary: getComputedStyle(this).getPropertyValue('--portal-primary').trim() || undefined } },
      });

      // Stripe mounts its element into the page's own DOM: a light-DOM child shown through a slot.
      const host = document.createElement('div');
      host.slot = 'payment-element';
      this.append(host);
      elements.create('payment').mount(host);

      const receiptEmail = el('input', { type: 'email', id: 'ppl-email', autocomplete: 'email', 'aria-describedby': 'ppl-email-hint' });
      const alert = el('div', { role: 'alert' });
      const pay = el('button', { type: 'submit', text: `Pay ${money(amount)}` });
      const form = el('form', { 'aria-label': 'Payment' },
        el('slot', { name: 'payment-element' }),
        el('label', { for: 'ppl-email', text: 'Email for the receipt (optional)' }), receiptEmail,
        el('p', { class: 'hint', id: 'ppl-email-hint', text: 'We send the receipt here; leave it empty to use the address on the invoice.' }),
        alert, pay);
      this.show(title, summary, form);

      let idempotencyKey = uuid();
      form.addEventListener('submit', async event => {
        event.preventDefault();
        alert.replaceChildren();
        pay.disabled = true;
        try {
          const outcome = await this.pay(stripe, elements, idempotencyKey, receiptEmail.value.trim() || null);
          if (outcome.done) {
            await this.receipt(outcome.payment);
            return;
          }
          idempotencyKey = uuid();
          alert.replaceChildren(el('p', { class: 'alert', text: outcome.message }));
        } catch (e) {
          alert.replaceChildren(el('p', { class: 'alert', text: 'The payment could not be completed. Please try again.' }));
        } finally {
          pay.disabled = false;
        }
      });
    }

    async pay(stripe, elements, idempotencyKey, receiptEmail) {
      const submitted = await elements.submit();
      if (submitted.error) return { done: false, message: submitted.error.message };
      const created = await stripe.createPaymentMethod({ elements });
      if (created.error) return { done: false, message: created.error.message };
      const path = `/v1/public/payment-links/${encodeURIComponent(this.token)}/payments`;
      const result = await call(this.key, 'POST', path,
        { paymentMethod: { type: 'card', paymentMethodId: created.paymentMethod.id }, receiptEmail },
        { 'Idempotency-Key': idempotencyKey });
      if (!result.ok) return { done: false, message: problemMessage(result.data, 'The payment could not be made.') };
      let payment = result.data;
      if (payment.status === 'requiresAction' && payment.clientSecret) {
        const action = await stripe.handleNextAction({ clientSecret: payment.clientSecret });
        if (action.error) return { done: false, message: action.error.message };
      }
      for (let i = 0; i < 20 && (payment.status === 'requiresAction' || payment.status === 'pending'); i++) {
        await new Promise(r => setTimeout(r, 500));
        const polled = await call(this.key, 'GET', `${path}/${payment.id}`);
        if (polled.ok) payment = polled.data;
      }
      if (payment.status === 'succeeded' || payment.status === 'processing') return { done: true, payment };
      return { done: false, message: (payment.failure && payment.failure.message) || 'The payment was declined. Please try another card.' };
    }

    async receipt(payment) {
      this.setAttribute('data-state', 'paid');
      for (const child of Array.from(this.children)) if (child.slot === 'payment-element') child.remove();
      const link = await call(this.key, 'GET', `/v1/public/payment-links/${encodeURIComponent(this.token)}`);
      const invoice = link.ok ? link.data.invoice : null;
      this.show(this.heading('Payment received'),
        el('p', { class: 'ok', role: 'status', text: payment.status === 'processing'
          ? `Thank you! Your payment of ${money(payment.amount)} is processing.`
          : `Thank you! Your payment of ${money(payment.amount)} was received.` }),
        el('dl', { 'aria-label': 'Receipt' },
          el('dt', { text: 'Paid to' }), el('dd', { text: this.company || '' }),
          el('dt', { text: 'Invoice' }), el('dd', { text: invoice ? invoice.number : '' }),
          el('dt', { text: 'Amount' }), el('dd', { text: money(payment.amount) }),
          el('dt', { text: 'Reference' }), el('dd', { text: payment.id }),
          el('dt', { text: 'Balance now' }), el('dd', { 'data-balance': invoice ? String(invoice.balance.amount) : null, text: invoice ? money(invoice.balance) : '' })));
    }
  }

  function base64Url(bytes) {
    return btoa(String.fromCharCode(...new Uint8Array(bytes))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  }

  /**
   * A button that signs a portal user in through the company's hosted sign-in page: the authorization code flow with
   * PKCE (S256). The verifier waits in localStorage under its state while the browser is away, so the sign-in also
   * completes in another tab of the same browser (a magic link opened from the email); back on the page, the widget
   * redeems the code at /oauth/token and keeps the access token in sessionStorage (this tab only, never a cookie).
   * It dispatches 'portal-sign-in' with { signedIn, accessToken, expiresAt, me } once that state is known and whenever it changes.
   */
  class SignIn extends PortalWidget {
    async render() {
      this.clientId = this.getAttribute('data-client-id') || '';
      this.redirectUri = this.getAttribute('data-redirect-uri') || (location.origin + location.pathname);
      this.storageKey = `portal-sign-in:${this.clientId}`;
      if (!this.clientId) {
        this.fail('This sign-in button needs the app\'s client id in its data-client-id attribute.');
        return;
      }
      const returned = this.takeAuthorizationResponse();
      if (returned && returned.error) {
        this.signedOut(returned.error === 'access_denied' ? 'Sign-in was canceled.' : 'Sign-in did not complete. Please try again.');
        return;
      }
      if (returned) {
        const exchanged = await this.redeem(returned);
        if (!exchanged) {
          this.signedOut('Sign-in did not complete. Please try again.');
          return;
        }
      }
      await this.showSession();
    }

    /** The code (or error) the hosted page sent back for the sign-in this tab started; removed from the address. */
    takeAuthorizationResponse() {
      const params = new URLSearchParams(location.search);
      const state = params.get('state');
      if (!state || !(params.has('code') || params.has('error'))) return null;
      const slot = `${this.storageKey}:pending:${state}`;
      const pending = JSON.parse(localStorage.getItem(slot) || 'null');
      if (!pending) return null;
      localStorage.removeItem(slot);
      const answer = { code: params.get('code'), error: params.get('error'), verifier: pending.verifier, redirectUri: pending.redirectUri };
      for (const name of ['code', 'state', 'iss', 'error', 'error_description']) params.delete(name);
      const query = params.toString();
      history.replaceState(history.state, '', location.pathname + (query ? '?' + query : '') + location.hash);
      return answer;
    }

    async redeem(answer) {
      const form = new URLSearchParams({
        grant_type: 'authorization_code', code: answer.code, redirect_uri: answer.redirectUri, client_id: this.clientId, code_verifier: answer.verifier,
      });
      try {
        const response = await fetch(api + 'oauth/token', { method: 'POST', body: form, credentials: 'omit' });
        const tokens = await response.json();
        if (!response.ok || !tokens.access_token) return false;
        sessionStorage.setItem(this.storageKey, JSON.stringify({ accessToken: tokens.access_token, expiresAt: Date.now() + tokens.expires_in * 1000 }));
        return true;
      } catch (e) {
        return false;
      }
    }

    async showSession() {
      const session = JSON.parse(sessionStorage.getItem(this.storageKey) || 'null');
      if (!session || session.expiresAt <= Date.now()) {
        sessionStorage.removeItem(this.storageKey);
        this.signedOut();
        return;
      }
      const me = await call(this.key, 'GET', '/v1/portal/me', undefined, { Authorization: 'Bearer ' + session.accessToken });
      if (!me.ok) {
        sessionStorage.removeItem(this.storageKey);
        this.signedOut(me.status === 401 ? 'Your session has ended. Please sign in again.' : null);
        return;
      }
      const names = (me.data.customers || []).map(c => c.name);
      const out = el('button', { type: 'button', text: 'Sign out' });
      out.addEventListener('click', () => {
        sessionStorage.removeItem(this.storageKey);
        this.signedOut();
      });
      this.setAttribute('data-state', 'signed-in');
      this.show(el('p', { role: 'status', class: 'ok', text: `Signed in as ${names[0] || me.data.email || 'a customer'}.` }),
        names.length > 1 ? el('p', { class: 'hint', text: `Also: ${names.slice(1).join(', ')}.` }) : null,
        out);
      this.announce({ signedIn: true, accessToken: session.accessToken, expiresAt: new Date(session.expiresAt).toISOString(), me: me.data });
    }

    signedOut(message) {
      const button = el('button', { type: 'button', text: this.company ? `Sign in to ${this.company}` : 'Sign in' });
      button.addEventListener('click', () => this.begin(button));
      this.setAttribute('data-state', 'signed-out');
      this.show(message ? el('p', { class: 'alert', role: 'alert', text: message }) : null, button);
      this.announce({ signedIn: false, accessToken: null, expiresAt: null, me: null });
    }

    /** Off to the hosted sign-in page, with a fresh verifier (its S256 challenge goes along) and state. */
    async begin(button) {
      button.disabled = true;
      const verifier = base64Url(crypto.getRandomValues(new Uint8Array(32)));
      const state = base64Url(crypto.getRandomValues(new Uint8Array(16)));
      const challenge = base64Url(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)));
      this.forgetAbandonedSignIns();
      localStorage.setItem(`${this.storageKey}:pending:${state}`, JSON.stringify({ verifier, redirectUri: this.redirectUri, startedAt: Date.now() }));
      const query = new URLSearchParams({
        response_type: 'code', client_id: this.clientId, redirect_uri: this.redirectUri, state, code_challenge: challenge, code_challenge_method: 'S256',
      });
      location.assign(api + 'oauth/authorize?' + query.toString());
    }

    /** Verifiers of sign-ins started over an hour ago and never completed: no code can come back for them now. */
    forgetAbandonedSignIns() {
      const prefix = `${this.storageKey}:pending:`;
      for (let i = localStorage.length - 1; i >= 0; i--) {
        const name = localStorage.key(i);
        if (!name || !name.startsWith(prefix)) continue;
        const pending = JSON.parse(localStorage.getItem(name) || 'null');
        if (!pending || !(pending.startedAt > Date.now() - 3600 * 1000)) localStorage.removeItem(name);
      }
    }

    announce(detail) {
      this.signIn = detail;
      this.dispatchEvent(new CustomEvent('portal-sign-in', { detail, bubbles: true, composed: true }));
    }
  }

  if (!customElements.get('portal-booking-request')) customElements.define('portal-booking-request', BookingRequest);
  if (!customElements.get('portal-pay-link')) customElements.define('portal-pay-link', PayLink);
  if (!customElements.get('portal-sign-in')) customElements.define('portal-sign-in', SignIn);
})();
