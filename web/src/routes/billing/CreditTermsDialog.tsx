// BIL-4: a seller sets one buyer's credit terms — a provider its resellers', the operator its providers':
// the currency of the limit, the limit itself (none: only overdue documents stop the buyer's orders), the
// payment terms and the grace after the due date. Picking a buyer that has terms already starts from them.
import { useState, type FormEvent } from 'react';
import { Body1, Button, Field, Input, Select, makeStyles, tokens } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import type { CreditTerms } from '@contracts/billing/credit';
import { useSetCreditTerms } from '../../api/billing';
import { useMarkets } from '../../api/channel';
import { ErrorBar } from '../../components/ErrorBar';
import { FormDialog } from '../../components/FormDialog';
import { isAmountInput } from '../../money';
import { fieldError } from '../../problem';

/** The server's terms when a buyer has none (30 days to pay, 10 days' grace). */
export const DEFAULT_PAYMENT_TERM_DAYS = 30;
export const DEFAULT_GRACE_DAYS = 10;
const MAX_DAYS = 365;

/** A tenant the caller may give credit terms to, with the country its currency comes from. */
export interface CreditBuyer {
  tenantId: string;
  name: string;
  country?: string;
}

const useStyles = makeStyles({
  surface: { maxWidth: 'min(520px, calc(100vw - 32px))' },
  days: { display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(160px, 1fr))', gap: '12px' },
  fixed: { fontWeight: tokens.fontWeightSemibold },
});

const daysValid = (text: string) => /^\d{1,3}$/.test(text.trim()) && Number(text) <= MAX_DAYS;

export function CreditTermsDialog({
  buyers,
  given,
  editing,
  defaultCountry,
  onClose,
  onSaved,
}: {
  /** Whom the caller may give terms to (a new buyer is picked among them). */
  buyers: readonly CreditBuyer[];
  /** The terms the caller gives now, to start from those of a buyer picked. */
  given: readonly CreditTerms[];
  /** The terms edited; absent: new terms for a buyer to pick. */
  editing?: CreditTerms;
  /** Whose market's currency to offer when the buyer's country is unknown (the caller's). */
  defaultCountry: string;
  onClose(): void;
  onSaved(terms: CreditTerms): void;
}) {
  const styles = useStyles();
  const { t } = useTranslation();
  const markets = useMarkets();
  const [buyerTenantId, setBuyerTenantId] = useState(editing?.buyer.tenantId ?? '');
  const [currency, setCurrency] = useState(editing?.currency ?? '');
  const [creditLimit, setCreditLimit] = useState(editing?.creditLimit ?? '');
  const [paymentTermDays, setPaymentTermDays] = useState(String(editing?.paymentTermDays ?? DEFAULT_PAYMENT_TERM_DAYS));
  const [graceDays, setGraceDays] = useState(String(editing?.graceDays ?? DEFAULT_GRACE_DAYS));
  const [submitted, setSubmitted] = useState(false);
  const save = useSetCreditTerms({ onSuccess: (terms) => onSaved(terms) });

  const countries = markets.data?.items.flatMap((region) => region.countries) ?? [];
  const currencyOf = (country: string | undefined) => countries.find((market) => market.country === country)?.currency;
  const buyer = buyers.find((item) => item.tenantId === buyerTenantId);
  // Until one is chosen, the buyer's market's currency (else the caller's).
  const shownCurrency = currency || currencyOf(buyer?.country) || currencyOf(defaultCountry) || '';
  const currencies = [...new Set([...countries.map((market) => market.currency), ...(shownCurrency ? [shownCurrency] : [])])].sort();

  const pick = (tenantId: string) => {
    setBuyerTenantId(tenantId);
    const terms = given.find((item) => item.buyer.tenantId === tenantId);
    if (terms) {
      setCurrency(terms.currency);
      setCreditLimit(terms.creditLimit ?? '');
      setPaymentTermDays(String(terms.paymentTermDays));
      setGraceDays(String(terms.graceDays));
    }
  };

  const buyerClient = buyerTenantId === '' ? t('billing.credit.buyerRequired') : undefined;
  const currencyClient = !/^[A-Z]{3}$/.test(shownCurrency) ? t('billing.credit.currencyRequired') : undefined;
  const limitClient = creditLimit.trim() !== '' && !isAmountInput(creditLimit) ? t('billing.credit.limitInvalid') : undefined;
  const termClient = daysValid(paymentTermDays) ? undefined : t('billing.credit.daysInvalid', { max: MAX_DAYS });
  const graceClient = daysValid(graceDays) ? undefined : t('billing.credit.daysInvalid', { max: MAX_DAYS });
  const shown = (client: string | undefined) => (submitted ? client : undefined);
  const buyerError = shown(buyerClient) ?? fieldError(save.error, '/buyerTenantId', ['not_a_buyer']);
  const currencyError = shown(currencyClient) ?? fieldError(save.error, '/currency');
  const limitError = shown(limitClient) ?? fieldError(save.error, '/creditLimit');
  const termError = shown(termClient) ?? fieldError(save.error, '/paymentTermDays');
  const graceError = shown(graceClient) ?? fieldError(save.error, '/graceDays');

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    if (buyerClient || currencyClient || limitClient || termClient || graceClient) return;
    save.mutate({
      buyerTenantId,
      body: {
        currency: shownCurrency,
        creditLimit: creditLimit.trim() === '' ? null : creditLimit.trim(),
        paymentTermDays: Number(paymentTermDays),
        graceDays: Number(graceDays),
      },
    });
  };

  const state = (error: string | undefined) => (error ? 'error' : 'none');
  return (
    <FormDialog
      open
      onClose={onClose}
      onSubmit={onSubmit}
      title={editing ? t('billing.credit.editTitle', { buyer: editing.buyer.name }) : t('billing.credit.setTitle')}
      testId="credit-terms-dialog"
      className={styles.surface}
      actions={
        <>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button appearance="primary" type="submit" disabled={save.isPending} data-testid="credit-terms-save">
            {t('common.save')}
          </Button>
        </>
      }
    >
      <ErrorBar
        error={save.error}
        fieldPaths={['/buyerTenantId', '/currency', '/creditLimit', '/paymentTermDays', '/graceDays']}
        fieldCodes={['not_a_buyer']}
        testId="credit-terms-error"
      />
      {editing ? (
        <Field label={t('billing.credit.buyer')}>
          <Body1 className={styles.fixed} data-testid="credit-terms-buyer-name">
            {editing.buyer.name}
          </Body1>
        </Field>
      ) : (
        <Field
          label={t('billing.credit.buyer')}
          hint={buyerError ? undefined : buyers.length === 0 ? t('billing.credit.noBuyers') : undefined}
          required
          validationMessage={buyerError}
          validationState={state(buyerError)}
        >
          <Select value={buyerTenantId} onChange={(_event, data) => pick(data.value)} data-testid="credit-terms-buyer">
            <option value="" disabled>
              {t('billing.credit.chooseBuyer')}
            </option>
            {buyers.map((item) => (
              <option key={item.tenantId} value={item.tenantId}>
                {item.name}
              </option>
            ))}
          </Select>
        </Field>
      )}
      <Field label={t('billing.credit.currency')} required validationMessage={currencyError} validationState={state(currencyError)}>
        <Select value={shownCurrency} onChange={(_event, data) => setCurrency(data.value)} data-testid="credit-terms-currency">
          {shownCurrency ? null : <option value="" />}
          {currencies.map((code) => (
            <option key={code} value={code}>
              {code}
            </option>
          ))}
        </Select>
      </Field>
      <Field
        label={t('billing.credit.limitField', { currency: shownCurrency || t('common.emptyValue') })}
        hint={limitError ? undefined : t('billing.credit.limitHint')}
        validationMessage={limitError}
        validationState={state(limitError)}
      >
        <Input value={creditLimit} inputMode="decimal" autoComplete="off" onChange={(_event, data) => setCreditLimit(data.value)} data-testid="credit-terms-limit" />
      </Field>
      <div className={styles.days}>
        <Field label={t('billing.credit.paymentTermsField')} hint={termError ? undefined : t('billing.credit.paymentTermsHint')} validationMessage={termError} validationState={state(termError)}>
          <Input
            type="number"
            min={0}
            max={MAX_DAYS}
            step={1}
            value={paymentTermDays}
            onChange={(_event, data) => setPaymentTermDays(data.value)}
            data-testid="credit-terms-payment-days"
          />
        </Field>
        <Field label={t('billing.credit.graceField')} hint={graceError ? undefined : t('billing.credit.graceHint')} validationMessage={graceError} validationState={state(graceError)}>
          <Input type="number" min={0} max={MAX_DAYS} step={1} value={graceDays} onChange={(_event, data) => setGraceDays(data.value)} data-testid="credit-terms-grace-days" />
        </Field>
      </div>
    </FormDialog>
  );
}
