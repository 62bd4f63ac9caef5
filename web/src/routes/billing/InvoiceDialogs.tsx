// What the issuer of a document does to it, with billing.manage: records a payment against it (BIL-4:
// partial payments add up, never above the balance), or corrects it with a credit note (BIL-2: every
// line left to credit, or the chosen lines, each in full or by an amount before tax).
import { useState, type FormEvent } from 'react';
import { Body1, Button, Checkbox, Field, Input, Radio, RadioGroup, Textarea, makeStyles, tokens } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import type { Invoice, InvoiceLine } from '@contracts/billing';
import type { CreditNoteBody } from '@contracts/billing/credit';
import { useInvoiceLines, useIssueCreditNote, useRecordPayment } from '../../api/billing';
import { ErrorBar } from '../../components/ErrorBar';
import { FormDialog } from '../../components/FormDialog';
import { Loading } from '../../components/Loading';
import { useFormat } from '../../format';
import { isAmountInput, isPositiveAmount } from '../../money';
import { fieldError } from '../../problem';

const REFERENCE_MAX = 140;
const REASON_MAX = 500;

const useStyles = makeStyles({
  surface: { maxWidth: 'min(560px, calc(100vw - 32px))' },
  lines: {
    display: 'flex',
    flexDirection: 'column',
    gap: '8px',
    margin: 0,
    padding: 0,
    listStyleType: 'none',
    maxHeight: '320px',
    overflowY: 'auto',
  },
  line: {
    display: 'flex',
    flexDirection: 'column',
    gap: '4px',
    padding: '8px',
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground2,
  },
  lineAmount: { marginInlineStart: '32px' },
  note: { color: tokens.colorNeutralForeground3 },
});

/** Today in UTC as YYYY-MM-DD, as the API takes a value date. */
function today(): string {
  return new Date().toISOString().slice(0, 10);
}

/** BIL-4: the issuer records a payment: its amount (the balance at first), value date and reference. */
export function RecordPaymentDialog({ invoice, onClose, onRecorded }: { invoice: Invoice; onClose(): void; onRecorded(): void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const [amount, setAmount] = useState(isPositiveAmount(invoice.balance) ? invoice.balance : '');
  const [paidOn, setPaidOn] = useState(today());
  const [reference, setReference] = useState('');
  const [submitted, setSubmitted] = useState(false);
  const record = useRecordPayment(invoice.id, { onSuccess: () => onRecorded() });

  const amountClient = !isAmountInput(amount) || !isPositiveAmount(amount) ? t('billing.payments.amountInvalid') : undefined;
  const paidOnClient = !/^\d{4}-\d{2}-\d{2}$/.test(paidOn) ? t('billing.payments.paidOnRequired') : undefined;
  const referenceClient = reference.trim() === '' ? t('billing.payments.referenceRequired') : undefined;
  const amountError = (submitted ? amountClient : undefined) ?? fieldError(record.error, '/amount', ['payment_exceeds_balance']);
  const paidOnError = (submitted ? paidOnClient : undefined) ?? fieldError(record.error, '/paidOn');
  const referenceError = (submitted ? referenceClient : undefined) ?? fieldError(record.error, '/reference');

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    if (amountClient || paidOnClient || referenceClient) return;
    record.mutate({ amount: amount.trim(), paidOn, reference: reference.trim() });
  };

  return (
    <FormDialog
      open
      onClose={onClose}
      onSubmit={onSubmit}
      title={t('billing.payments.recordTitle', { number: invoice.number })}
      testId="record-payment-dialog"
      actions={
        <>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button appearance="primary" type="submit" disabled={record.isPending} data-testid="record-payment-submit">
            {t('billing.payments.record')}
          </Button>
        </>
      }
    >
      <Body1>{t('billing.payments.balanceNow', { balance: format.amount(invoice.balance, invoice.currency) })}</Body1>
      <ErrorBar error={record.error} fieldPaths={['/amount', '/paidOn', '/reference']} fieldCodes={['payment_exceeds_balance']} testId="record-payment-error" />
      <Field label={t('billing.payments.amount', { currency: invoice.currency })} required validationMessage={amountError} validationState={amountError ? 'error' : 'none'}>
        <Input value={amount} inputMode="decimal" autoComplete="off" onChange={(_event, data) => setAmount(data.value)} data-testid="payment-amount" />
      </Field>
      <Field label={t('billing.payments.paidOn')} required validationMessage={paidOnError} validationState={paidOnError ? 'error' : 'none'}>
        <Input type="date" value={paidOn} onChange={(_event, data) => setPaidOn(data.value)} data-testid="payment-paid-on" />
      </Field>
      <Field
        label={t('billing.payments.reference')}
        hint={referenceError ? undefined : t('billing.payments.referenceHint')}
        required
        validationMessage={referenceError}
        validationState={referenceError ? 'error' : 'none'}
      >
        <Input value={reference} maxLength={REFERENCE_MAX} autoComplete="off" onChange={(_event, data) => setReference(data.value)} data-testid="payment-reference" />
      </Field>
    </FormDialog>
  );
}

type Scope = 'whole' | 'lines';

/** BIL-2: the issuer corrects its document with a credit note: why, and what it credits. */
export function CreditNoteDialog({ invoice, onClose, onIssued }: { invoice: Invoice; onClose(): void; onIssued(note: Invoice): void }) {
  const styles = useStyles();
  const { t } = useTranslation();
  const format = useFormat();
  const lines = useInvoiceLines(invoice.id);
  const [reason, setReason] = useState('');
  const [scope, setScope] = useState<Scope>('whole');
  // The chosen lines, by line number, with the amount typed for each (empty: what is left on it).
  const [chosen, setChosen] = useState<ReadonlyMap<number, string>>(new Map());
  // The line numbers in the order they were sent: the API's errors name them by their index.
  const [sent, setSent] = useState<readonly number[]>([]);
  const [submitted, setSubmitted] = useState(false);
  const issue = useIssueCreditNote(invoice.id, { onSuccess: (note) => onIssued(note) });

  const rows: InvoiceLine[] = lines.data?.pages.flatMap((page) => page.items).filter((line) => line.correctsLineNumber === null) ?? [];
  const reasonClient = reason.trim() === '' ? t('billing.creditNote.reasonRequired') : undefined;
  const linesClient = scope === 'lines' && chosen.size === 0 ? t('billing.creditNote.linesRequired') : undefined;
  const amountClient = (lineNumber: number) => {
    const typed = chosen.get(lineNumber)?.trim() ?? '';
    return typed !== '' && (!isAmountInput(typed) || !isPositiveAmount(typed)) ? t('billing.creditNote.amountInvalid') : undefined;
  };
  const hasAmountErrors = scope === 'lines' && [...chosen.keys()].some((lineNumber) => amountClient(lineNumber));
  const serverLineError = (lineNumber: number, field: 'amount' | 'lineNumber') => {
    const index = sent.indexOf(lineNumber);
    return index < 0 ? undefined : fieldError(issue.error, `/lines/${index}/${field}`);
  };
  const reasonError = (submitted ? reasonClient : undefined) ?? fieldError(issue.error, '/reason');
  const linesError = (submitted ? linesClient : undefined) ?? (scope === 'whole' ? fieldError(issue.error, '/lines') : undefined);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    if (reasonClient || linesClient || hasAmountErrors) return;
    const body: CreditNoteBody = { reason: reason.trim() };
    if (scope === 'lines') {
      const numbers = [...chosen.keys()].sort((a, b) => a - b);
      setSent(numbers);
      body.lines = numbers.map((lineNumber) => {
        const typed = chosen.get(lineNumber)!.trim();
        return typed === '' ? { lineNumber } : { lineNumber, amount: typed };
      });
    } else {
      setSent([]);
    }
    issue.mutate(body);
  };

  const toggle = (lineNumber: number, on: boolean) =>
    setChosen((current) => {
      const next = new Map(current);
      if (on) next.set(lineNumber, next.get(lineNumber) ?? '');
      else next.delete(lineNumber);
      return next;
    });
  const setLineAmount = (lineNumber: number, value: string) => setChosen((current) => new Map(current).set(lineNumber, value));

  return (
    <FormDialog
      open
      onClose={onClose}
      onSubmit={onSubmit}
      title={t('billing.creditNote.title', { number: invoice.number })}
      testId="credit-note-dialog"
      className={styles.surface}
      actions={
        <>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button appearance="primary" type="submit" disabled={issue.isPending} data-testid="credit-note-submit">
            {t('billing.creditNote.issue')}
          </Button>
        </>
      }
    >
      <Body1 className={styles.note}>{t('billing.creditNote.intro')}</Body1>
      <ErrorBar error={issue.error} fieldPaths={['/reason', '/lines']} testId="credit-note-error" />
      <Field label={t('billing.creditNote.reason')} required validationMessage={reasonError} validationState={reasonError ? 'error' : 'none'}>
        <Textarea value={reason} maxLength={REASON_MAX} resize="vertical" onChange={(_event, data) => setReason(data.value)} data-testid="credit-note-reason" />
      </Field>
      <Field label={t('billing.creditNote.scope')} validationMessage={linesError} validationState={linesError ? 'error' : 'none'}>
        <RadioGroup value={scope} onChange={(_event, data) => setScope(data.value as Scope)}>
          <Radio value="whole" label={t('billing.creditNote.whole')} data-testid="credit-note-scope-whole" />
          <Radio value="lines" label={t('billing.creditNote.chosenLines')} data-testid="credit-note-scope-lines" />
        </RadioGroup>
      </Field>
      {scope === 'lines' ? (
        lines.error ? (
          <ErrorBar error={lines.error} testId="credit-note-lines-error" />
        ) : lines.isPending ? (
          <Loading />
        ) : (
          <>
            <ul className={styles.lines} aria-label={t('billing.creditNote.linesLabel')} data-testid="credit-note-lines">
              {rows.map((line) => {
                const on = chosen.has(line.lineNumber);
                const amountError = (submitted && on ? amountClient(line.lineNumber) : undefined) ?? serverLineError(line.lineNumber, 'amount');
                const numberError = serverLineError(line.lineNumber, 'lineNumber');
                return (
                  <li key={line.lineNumber} className={styles.line} data-testid={`credit-note-line-${line.lineNumber}`}>
                    <Field validationMessage={numberError} validationState={numberError ? 'error' : 'none'}>
                      <Checkbox
                        checked={on}
                        onChange={(_event, data) => toggle(line.lineNumber, data.checked === true)}
                        label={t('billing.creditNote.lineLabel', {
                          lineNumber: line.lineNumber,
                          product: line.productName,
                          customer: line.customerName,
                          amount: format.amount(line.subtotal, line.currency),
                        })}
                        data-testid={`credit-note-line-${line.lineNumber}-choose`}
                      />
                    </Field>
                    {on ? (
                      <Field
                        className={styles.lineAmount}
                        label={t('billing.creditNote.lineAmount', { currency: line.currency })}
                        hint={amountError ? undefined : t('billing.creditNote.lineAmountHint')}
                        validationMessage={amountError}
                        validationState={amountError ? 'error' : 'none'}
                      >
                        <Input
                          value={chosen.get(line.lineNumber) ?? ''}
                          inputMode="decimal"
                          autoComplete="off"
                          onChange={(_event, data) => setLineAmount(line.lineNumber, data.value)}
                          data-testid={`credit-note-line-${line.lineNumber}-amount`}
                        />
                      </Field>
                    ) : null}
                  </li>
                );
              })}
            </ul>
            {lines.hasNextPage ? (
              <Button onClick={() => void lines.fetchNextPage()} disabled={lines.isFetchingNextPage} data-testid="credit-note-lines-more">
                {t('common.loadMore')}
              </Button>
            ) : null}
          </>
        )
      ) : null}
    </FormDialog>
  );
}
