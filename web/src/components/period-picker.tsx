// A date-range picker over YYYY-MM-DD days.
import { DatePicker } from 'antd';
import dayjs from 'dayjs';
import type { Period } from '../api/endpoints';
import { useShop } from '../auth/shop-context';
import { addDays } from '../format/format';
import { useI18n } from '../i18n/i18n';

export function PeriodPicker({ value, onChange }: { value: Period; onChange: (p: Period) => void }) {
  const { lang } = useI18n();
  const { dataDays } = useShop();
  const last = dataDays?.last ?? value.to;
  const presets = [
    { label: lang === 'zh' ? '最近 7 天' : 'Last 7 days', value: [dayjs(addDays(last, -6)), dayjs(last)] },
    { label: lang === 'zh' ? '最近 30 天' : 'Last 30 days', value: [dayjs(addDays(last, -29)), dayjs(last)] },
    { label: lang === 'zh' ? '最后一天' : 'Last day', value: [dayjs(last), dayjs(last)] },
  ] as { label: string; value: [dayjs.Dayjs, dayjs.Dayjs] }[];
  return (
    <DatePicker.RangePicker
      data-testid="period-picker"
      allowClear={false}
      value={[dayjs(value.from), dayjs(value.to)]}
      presets={presets}
      onChange={(v) => {
        if (v?.[0] && v[1]) onChange({ from: v[0].format('YYYY-MM-DD'), to: v[1].format('YYYY-MM-DD') });
      }}
    />
  );
}
