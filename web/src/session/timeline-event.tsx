// An order or refund event between the chat bubbles.
import { useShop } from '../auth/shop-context';
import { formatDateTime, formatMoney } from '../format/format';
import { useI18n } from '../i18n/i18n';
import type { TimelineItem } from './timeline';

export function TimelineEvent({ item }: { item: Exclude<TimelineItem, { type: 'message' }> }) {
  const { t, lang } = useI18n();
  const { timeZone } = useShop();
  const when = formatDateTime(item.at, lang, timeZone).slice(5);
  let text: string;
  let cls = '';
  if (item.type === 'order') {
    text = t('session.orderCreated', {
      id: item.order.orderId,
      amount: formatMoney(item.order.amount, lang),
    });
    if (item.order.status) text += ` · ${item.order.status}`;
  } else if (item.type === 'paid') {
    text = t('session.orderPaid', { id: item.order.orderId, amount: formatMoney(item.order.amount, lang) });
    cls = 'paid';
  } else {
    const r = item.refund;
    text = t('session.refund', {
      id: r.refundId,
      amount: formatMoney(r.amount, lang),
      reason: r.reason,
      status: r.status,
    });
    cls = 'refund';
  }
  return (
    <div className="chat-row event" data-testid={`event-${item.type}`}>
      <span className={`event-chip ${cls}`}>
        <span className="mono">{when}</span> {text}
      </span>
    </div>
  );
}
