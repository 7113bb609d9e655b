/* Generated list of the template files: one per message and locale (static imports, so esbuild bundles them). */
import en_quote_ready from './en/quote-ready.json' with { type: 'json' };
import en_order_confirmed from './en/order-confirmed.json' with { type: 'json' };
import en_materials_ready from './en/materials-ready.json' with { type: 'json' };
import en_production_started from './en/production-started.json' with { type: 'json' };
import en_production_finished from './en/production-finished.json' with { type: 'json' };
import en_shipped from './en/shipped.json' with { type: 'json' };
import en_delivered from './en/delivered.json' with { type: 'json' };
import en_quote_expired from './en/quote-expired.json' with { type: 'json' };
import en_order_cancelled from './en/order-cancelled.json' with { type: 'json' };
import en_promise_changed from './en/promise-changed.json' with { type: 'json' };
import en_at_risk_warning from './en/at-risk-warning.json' with { type: 'json' };
import en_confirmation_needed from './en/confirmation-needed.json' with { type: 'json' };
import en_confirmation_escalated from './en/confirmation-escalated.json' with { type: 'json' };
import en_quote_accepted from './en/quote-accepted.json' with { type: 'json' };
import en_quote_rejected from './en/quote-rejected.json' with { type: 'json' };
import en_order_at_risk from './en/order-at-risk.json' with { type: 'json' };
import en_contact_opted_out from './en/contact-opted-out.json' with { type: 'json' };
import en_address_bounced from './en/address-bounced.json' with { type: 'json' };
import en_needs_attention from './en/needs-attention.json' with { type: 'json' };
import en_fresh_link from './en/fresh-link.json' with { type: 'json' };
import en_new_quote_requested from './en/new-quote-requested.json' with { type: 'json' };
import zh_CN_quote_ready from './zh-CN/quote-ready.json' with { type: 'json' };
import zh_CN_order_confirmed from './zh-CN/order-confirmed.json' with { type: 'json' };
import zh_CN_materials_ready from './zh-CN/materials-ready.json' with { type: 'json' };
import zh_CN_production_started from './zh-CN/production-started.json' with { type: 'json' };
import zh_CN_production_finished from './zh-CN/production-finished.json' with { type: 'json' };
import zh_CN_shipped from './zh-CN/shipped.json' with { type: 'json' };
import zh_CN_delivered from './zh-CN/delivered.json' with { type: 'json' };
import zh_CN_quote_expired from './zh-CN/quote-expired.json' with { type: 'json' };
import zh_CN_order_cancelled from './zh-CN/order-cancelled.json' with { type: 'json' };
import zh_CN_promise_changed from './zh-CN/promise-changed.json' with { type: 'json' };
import zh_CN_at_risk_warning from './zh-CN/at-risk-warning.json' with { type: 'json' };
import zh_CN_needs_attention from './zh-CN/needs-attention.json' with { type: 'json' };
import zh_CN_fresh_link from './zh-CN/fresh-link.json' with { type: 'json' };

export interface TemplateFile {
  readonly subject: string;
  readonly text: string;
  readonly sms?: string;
  /**
   * Sentences said only when every placeholder in them has a value, each placed where the text
   * reads `{{?name}}` (the likely date beside a promise is one: most orders have none).
   */
  readonly optional?: Readonly<Record<string, string>>;
}

export const TEMPLATE_FILES: Record<string, Record<string, TemplateFile>> = {
  'en': {
    QUOTE_READY: en_quote_ready,
    ORDER_CONFIRMED: en_order_confirmed,
    MATERIALS_READY: en_materials_ready,
    PRODUCTION_STARTED: en_production_started,
    PRODUCTION_FINISHED: en_production_finished,
    SHIPPED: en_shipped,
    DELIVERED: en_delivered,
    QUOTE_EXPIRED: en_quote_expired,
    ORDER_CANCELLED: en_order_cancelled,
    PROMISE_CHANGED: en_promise_changed,
    AT_RISK_WARNING: en_at_risk_warning,
    CONFIRMATION_NEEDED: en_confirmation_needed,
    CONFIRMATION_ESCALATED: en_confirmation_escalated,
    QUOTE_ACCEPTED: en_quote_accepted,
    QUOTE_REJECTED: en_quote_rejected,
    ORDER_AT_RISK: en_order_at_risk,
    CONTACT_OPTED_OUT: en_contact_opted_out,
    ADDRESS_BOUNCED: en_address_bounced,
    NEEDS_ATTENTION: en_needs_attention,
    FRESH_LINK: en_fresh_link,
    NEW_QUOTE_REQUESTED: en_new_quote_requested,
  },
  'zh-CN': {
    QUOTE_READY: zh_CN_quote_ready,
    ORDER_CONFIRMED: zh_CN_order_confirmed,
    MATERIALS_READY: zh_CN_materials_ready,
    PRODUCTION_STARTED: zh_CN_production_started,
    PRODUCTION_FINISHED: zh_CN_production_finished,
    SHIPPED: zh_CN_shipped,
    DELIVERED: zh_CN_delivered,
    QUOTE_EXPIRED: zh_CN_quote_expired,
    ORDER_CANCELLED: zh_CN_order_cancelled,
    PROMISE_CHANGED: zh_CN_promise_changed,
    AT_RISK_WARNING: zh_CN_at_risk_warning,
    NEEDS_ATTENTION: zh_CN_needs_attention,
    FRESH_LINK: zh_CN_fresh_link,
  },
};
