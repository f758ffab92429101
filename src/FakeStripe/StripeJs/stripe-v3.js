/*
 * A stand-in for Stripe.js v3, served by the fake Stripe at /v3/ for tests and the demo (no internet, no third-party
 * code). It offers the part of Stripe.js a deferred-intent Payment Element integration calls, with the same names and
 * answer shapes, so the page's code is what runs against Stripe.js in production:
 *   Stripe(publishableKey, { stripeAccount }) -> stripe
 *   stripe.elements({ mode: 'payment', amount, currency, paymentMethodCreation: 'manual' }) -> elements
 *   elements.create('payment').mount(domElement); elements.submit()
 *   stripe.createPaymentMethod({ elements })   -> { paymentMethod } (Stripe's test ids, such as pm_card_visa)
 *   stripe.handleNextAction({ clientSecret })  -> { paymentIntent } (3-D Secure: the person passes or fails it here)
 *   stripe.retrievePaymentIntent(clientSecret) -> { paymentIntent }
 * Instead of card fields, the Payment Element offers Stripe's test cards. It calls the fake's own API with the
 * publishable key, as Stripe.js does.
 */
(() => {
  'use strict';
  const base = new URL('../', document.currentScript.src).href;
  const cards = [
    { id: 'pm_card_visa', label: 'Visa ending 4242 (succeeds)', brand: 'visa', last4: '4242' },
    { id: 'pm_card_mastercard', label: 'Mastercard ending 4444 (succeeds)', brand: 'mastercard', last4: '4444' },
    { id: 'pm_card_chargeDeclined', label: 'Visa ending 0002 (declined)', brand: 'visa', last4: '0002' },
    { id: 'pm_card_threeDSecure2Required', label: 'Visa ending 3220 (asks for 3-D Secure)', brand: 'visa', last4: '3220' },
  ];
  let counter = 0;

  function Stripe(publishableKey, options) {
    if (!(typeof publishableKey === 'string' && publishableKey.startsWith('pk_'))) {
      throw new Error('Invalid value for Stripe(): apiKey should be a publishable key (pk_...).');
    }
    const account = options && options.stripeAccount;

    async function api(method, path, fields) {
      const form = new URLSearchParams(Object.assign({ key: publishableKey }, account ? { _stripe_account: account } : {}, fields || {}));
      const url = base + path.replace(/^\//, '') + (method === 'GET' ? '?' + form : '');
      const response = await fetch(url, method === 'GET' ? { method } : { method, body: form });
      return response.json();
    }

    const retrieve = async clientSecret => {
      const id = String(clientSecret).split('_secret_')[0];
      const pi = await api('GET', `v1/payment_intents/${encodeURIComponent(id)}`, { client_secret: clientSecret });
      return pi.error ? { error: pi.error } : { paymentIntent: pi };
    };

    return {
      elements(elementsOptions) {
        let chosen = null;
        let mounted = null;
        return {
          create(type) {
            if (type !== 'payment') throw new Error(`The stand-in Stripe.js offers the payment element only, not ${type}.`);
            return {
              mount(target) {
                const node = typeof target === 'string' ? document.querySelector(target) : target;
                const n = ++counter;
                const set = document.createElement('fieldset');
                set.style.cssText = 'border:1px solid #767676;border-radius:4px;padding:.5rem .75rem;margin:.75rem 0';
                const legend = document.createElement('legend');
                legend.textContent = 'Card (test mode)';
                set.append(legend);
                for (const card of cards) {
                  const label = document.createElement('label');
                  label.style.cssText = 'display:block;font-weight:normal;margin:.25rem 0';
                  const input = document.createElement('input');
                  input.type = 'radio';
                  input.name = `stripe-standin-card-${n}`;
                  input.value = card.id;
                  input.addEventListener('change', () => { chosen = card; });
                  label.append(input, ' ', card.label);
                  set.append(label);
                }
                node.replaceChildren(set);
                mounted = node;
              },
              unmount() { if (mounted) mounted.replaceChildren(); mounted = null; },
              destroy() { this.unmount(); },
              on() { return this; },
            };
          },
          async submit() {
            return chosen ? {} : { error: { type: 'validation_error', code: 'incomplete', message: 'Choose a card.' } };
          },
          update(next) { Object.assign(elementsOptions || {}, next); },
          get _card() { return chosen; },
        };
      },

      async createPaymentMethod(params) {
        const card = params && params.elements && params.elements._card;
        if (!card) return { error: { type: 'validation_error', code: 'incomplete', message: 'Choose a card.' } };
        return { paymentMethod: { id: card.id, object: 'payment_method', type: 'card', card: { brand: card.brand, last4: card.last4 } } };
      },

      retrievePaymentIntent: retrieve,

      async handleNextAction({ clientSecret }) {
        const found = await retrieve(clientSecret);
        if (found.error || found.paymentIntent.status !== 'requires_action') return found;
        const pass = window.confirm('3-D Secure (test mode): complete the authentication? Cancel fails it.');
        const id = found.paymentIntent.id;
        await fetch(`${base}_fake/payment_intents/${encodeURIComponent(id)}/${pass ? 'authenticate' : 'fail_authentication'}`, { method: 'POST' });
        const after = await retrieve(clientSecret);
        if (!after.error && after.paymentIntent.status !== 'succeeded') {
          return { error: { type: 'card_error', code: 'payment_intent_authentication_failure', message: 'We are unable to authenticate your payment method.' } };
        }
        return after;
      },
    };
  }

  window.Stripe = Stripe;
})();
