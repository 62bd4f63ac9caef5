import { useEffect, useState, type FormEvent } from 'react';
import {
  Body1,
  Button,
  Card,
  CardHeader,
  Checkbox,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  Radio,
  RadioGroup,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { AddRegular, DeleteRegular } from '@fluentui/react-icons';
import { useTranslation } from 'react-i18next';
import { fieldError } from '../../problem';
import { useMarketplaceLabels } from './labels';
import { BILLING_CYCLES, LICENSE_MODELS, TERM_DURATIONS, parseCountryCodes, type Plan } from './model';
import { OfferErrorBar } from './OfferErrorBar';

const useStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', gap: '16px', maxWidth: '880px' },
  card: { display: 'flex', flexDirection: 'column', gap: '12px' },
  row: { display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(200px, 1fr))', gap: '12px', alignItems: 'start' },
  choices: { display: 'flex', gap: '12px', flexWrap: 'wrap' },
  price: { display: 'grid', gridTemplateColumns: '120px 180px auto', gap: '8px', alignItems: 'end' },
  muted: { color: tokens.colorNeutralForeground3 },
  actions: { display: 'flex', gap: '8px', flexWrap: 'wrap' },
});

/** A plan as edited: numbers and country lists as the text typed. */
interface PlanDraft {
  planId: string;
  name: string;
  licenseModel: Plan['licenseModel'];
  termDurations: Plan['termDurations'];
  billingCycles: Plan['billingCycles'];
  prices: { currency: string; unitPrice: string }[];
  markets: string;
}

function toDraft(plan: Plan): PlanDraft {
  return {
    ...plan,
    prices: plan.prices.map((price) => ({ currency: price.currency, unitPrice: String(price.unitPrice) })),
    markets: plan.markets.join(', '),
  };
}

function fromDraft(plan: PlanDraft): Plan {
  return {
    planId: plan.planId.trim(),
    name: plan.name.trim(),
    licenseModel: plan.licenseModel,
    termDurations: plan.termDurations,
    billingCycles: plan.billingCycles,
    prices: plan.prices.map((price) => ({ currency: price.currency.trim().toUpperCase(), unitPrice: Number(price.unitPrice.replace(',', '.')) })),
    markets: parseCountryCodes(plan.markets),
  };
}

const NEW_PLAN: PlanDraft = { planId: '', name: '', licenseModel: 'payg', termDurations: ['P1M'], billingCycles: ['monthly'], prices: [{ currency: '', unitPrice: '' }], markets: '' };

function toggle<T extends string>(list: T[], item: T, on: boolean): T[] {
  return on ? [...new Set([...list, item])] : list.filter((value) => value !== item);
}

/** The Plans module: plan ID, name, license model, terms, billing cycles, prices per currency, markets. */
export function PlansForm(props: {
  plans: Plan[];
  canManage: boolean;
  saving: boolean;
  error: unknown;
  saved: boolean;
  onSave(plans: Plan[]): void;
  onReload(): void;
}) {
  const styles = useStyles();
  const { t } = useTranslation();
  const labels = useMarketplaceLabels();
  const [plans, setPlans] = useState<PlanDraft[]>(() => props.plans.map(toDraft));
  const [submitted, setSubmitted] = useState(false);
  const serverPlans = JSON.stringify(props.plans);
  useEffect(() => {
    setPlans(props.plans.map(toDraft));
  }, [serverPlans]);

  const update = (index: number, change: Partial<PlanDraft>) => setPlans(plans.map((plan, i) => (i === index ? { ...plan, ...change } : plan)));

  const errorsOf = (plan: PlanDraft, index: number): Record<string, string | undefined> => {
    const ids = plans.map((other) => other.planId.trim());
    const errors: Record<string, string | undefined> = {
      planId: !plan.planId.trim()
        ? t('validation.required')
        : !/^[a-z0-9-]{1,50}$/.test(plan.planId.trim())
          ? t('marketplace.plans.planIdInvalid')
          : ids.indexOf(plan.planId.trim()) !== index
            ? t('marketplace.plans.planIdDuplicate')
            : undefined,
      name: plan.name.trim() ? undefined : t('validation.required'),
      termDurations: plan.termDurations.length ? undefined : t('marketplace.plans.pickOne'),
      billingCycles: plan.billingCycles.length ? undefined : t('marketplace.plans.pickOne'),
      markets: parseCountryCodes(plan.markets).every((code) => /^[A-Z]{2}$/.test(code)) ? undefined : t('marketplace.plans.marketsInvalid'),
    };
    plan.prices.forEach((price, priceIndex) => {
      errors[`prices/${priceIndex}/currency`] = /^[A-Za-z]{3}$/.test(price.currency.trim()) ? undefined : t('marketplace.plans.currencyInvalid');
      const amount = Number(price.unitPrice.replace(',', '.'));
      errors[`prices/${priceIndex}/unitPrice`] = price.unitPrice.trim() && Number.isFinite(amount) && amount >= 0 ? undefined : t('marketplace.plans.priceInvalid');
    });
    return errors;
  };
  const allErrors = plans.map(errorsOf);
  const field = (index: number, key: string) => {
    const message = (submitted ? allErrors[index]?.[key] : undefined) ?? fieldError(props.error, `/${index}/${key}`);
    return { validationMessage: message, validationState: message ? ('error' as const) : ('none' as const) };
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    if (allErrors.some((errors) => Object.values(errors).some(Boolean))) return;
    props.onSave(plans.map(fromDraft));
  };
  const readOnly = !props.canManage;

  return (
    <form className={styles.form} onSubmit={onSubmit} noValidate data-testid="plans-form">
      <OfferErrorBar error={props.error} fieldPaths={plans.map((_plan, index) => `/${index}`)} onReload={props.onReload} testId="plans-error" />
      {props.saved ? (
        <MessageBar intent="success" data-testid="plans-saved">
          <MessageBarBody>{t('marketplace.editor.savedDraft')}</MessageBarBody>
        </MessageBar>
      ) : null}
      {plans.length === 0 ? <Body1 className={styles.muted}>{t('marketplace.plans.empty')}</Body1> : null}
      {plans.map((plan, index) => (
        <Card key={index} className={styles.card} data-testid={`plan-${index}`}>
          <CardHeader
            header={<Text weight="semibold">{plan.name.trim() || t('marketplace.plans.untitled', { number: index + 1 })}</Text>}
            action={
              props.canManage ? (
                <Button appearance="subtle" icon={<DeleteRegular />} onClick={() => setPlans(plans.filter((_p, i) => i !== index))} data-testid={`plan-${index}-remove`}>
                  {t('marketplace.plans.remove')}
                </Button>
              ) : undefined
            }
          />
          <div className={styles.row}>
            <Field label={t('marketplace.plans.planId')} required hint={t('marketplace.plans.planIdHint')} {...field(index, 'planId')}>
              <Input value={plan.planId} maxLength={50} readOnly={readOnly} onChange={(_e, data) => update(index, { planId: data.value })} data-testid={`plan-${index}-id`} />
            </Field>
            <Field label={t('marketplace.plans.name')} required {...field(index, 'name')}>
              <Input value={plan.name} maxLength={100} readOnly={readOnly} onChange={(_e, data) => update(index, { name: data.value })} data-testid={`plan-${index}-name`} />
            </Field>
          </div>
          <Field label={t('marketplace.plans.licenseModel')} required>
            <RadioGroup
              layout="horizontal"
              value={plan.licenseModel}
              disabled={readOnly}
              onChange={(_e, data) => update(index, { licenseModel: data.value as Plan['licenseModel'] })}
            >
              {LICENSE_MODELS.map((model) => (
                <Radio key={model} value={model} label={labels.licenseModel(model)} data-testid={`plan-${index}-license-${model}`} />
              ))}
            </RadioGroup>
          </Field>
          <div className={styles.row}>
            <Field label={t('marketplace.plans.termDurations')} required {...field(index, 'termDurations')}>
              <div className={styles.choices}>
                {TERM_DURATIONS.map((term) => (
                  <Checkbox
                    key={term}
                    label={labels.term(term)}
                    checked={plan.termDurations.includes(term)}
                    disabled={readOnly}
                    onChange={(_e, data) => update(index, { termDurations: toggle(plan.termDurations, term, data.checked === true) })}
                    data-testid={`plan-${index}-term-${term}`}
                  />
                ))}
              </div>
            </Field>
            <Field label={t('marketplace.plans.billingCycles')} required {...field(index, 'billingCycles')}>
              <div className={styles.choices}>
                {BILLING_CYCLES.map((cycle) => (
                  <Checkbox
                    key={cycle}
                    label={labels.cycle(cycle)}
                    checked={plan.billingCycles.includes(cycle)}
                    disabled={readOnly}
                    onChange={(_e, data) => update(index, { billingCycles: toggle(plan.billingCycles, cycle, data.checked === true) })}
                    data-testid={`plan-${index}-cycle-${cycle}`}
                  />
                ))}
              </div>
            </Field>
          </div>
          <Text weight="semibold">{t('marketplace.plans.prices')}</Text>
          {plan.prices.map((price, priceIndex) => (
            <div key={priceIndex} className={styles.price}>
              <Field label={t('marketplace.plans.currency')} {...field(index, `prices/${priceIndex}/currency`)}>
                <Input
                  value={price.currency}
                  maxLength={3}
                  placeholder="EUR"
                  readOnly={readOnly}
                  onChange={(_e, data) => update(index, { prices: plan.prices.map((p, i) => (i === priceIndex ? { ...p, currency: data.value.toUpperCase() } : p)) })}
                  data-testid={`plan-${index}-price-${priceIndex}-currency`}
                />
              </Field>
              <Field label={t('marketplace.plans.unitPrice')} {...field(index, `prices/${priceIndex}/unitPrice`)}>
                <Input
                  value={price.unitPrice}
                  inputMode="decimal"
                  readOnly={readOnly}
                  onChange={(_e, data) => update(index, { prices: plan.prices.map((p, i) => (i === priceIndex ? { ...p, unitPrice: data.value } : p)) })}
                  data-testid={`plan-${index}-price-${priceIndex}-amount`}
                />
              </Field>
              {props.canManage ? (
                <Button
                  appearance="subtle"
                  icon={<DeleteRegular />}
                  aria-label={t('marketplace.plans.removePrice')}
                  onClick={() => update(index, { prices: plan.prices.filter((_p, i) => i !== priceIndex) })}
                />
              ) : null}
            </div>
          ))}
          {props.canManage ? (
            <div>
              <Button icon={<AddRegular />} onClick={() => update(index, { prices: [...plan.prices, { currency: '', unitPrice: '' }] })} data-testid={`plan-${index}-add-price`}>
                {t('marketplace.plans.addPrice')}
              </Button>
            </div>
          ) : null}
          <Field label={t('marketplace.plans.markets')} hint={t('marketplace.plans.marketsHint')} {...field(index, 'markets')}>
            <Input value={plan.markets} placeholder="FR, DE, US" readOnly={readOnly} onChange={(_e, data) => update(index, { markets: data.value })} data-testid={`plan-${index}-markets`} />
          </Field>
        </Card>
      ))}
      {props.canManage ? (
        <div className={styles.actions}>
          <Button icon={<AddRegular />} onClick={() => setPlans([...plans, NEW_PLAN])} data-testid="plan-add">
            {t('marketplace.plans.add')}
          </Button>
          <Button appearance="primary" type="submit" disabled={props.saving} data-testid="plans-save">
            {props.saving ? t('marketplace.editor.saving') : t('marketplace.editor.saveDraft')}
          </Button>
        </div>
      ) : null}
    </form>
  );
}
