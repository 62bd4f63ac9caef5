import { useMemo, useState, type FormEvent } from 'react';
import {
  Body1,
  Button,
  Caption1,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Field,
  Input,
  Select,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { SearchRegular } from '@fluentui/react-icons';
import { useTranslation } from 'react-i18next';
import { usePartnerSearch, usePartnerSearchFilters } from '../../api/marketplace';
import { COUNTRY_CODES } from '../../countries';
import { DataTable } from '../../components/DataTable';
import { ErrorBar } from '../../components/ErrorBar';
import { Loading } from '../../components/Loading';
import { useFormat } from '../../format';
import type { PartnerSearchResult } from './model';

const useStyles = makeStyles({
  surface: { maxWidth: '880px', width: '100%' },
  content: { display: 'flex', flexDirection: 'column', gap: '12px' },
  // Each filter keeps to its column: a field and its select may shrink below their longest option's width.
  filters: { display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(min(180px, 100%), 1fr))', columnGap: '12px', rowGap: '8px', alignItems: 'end' },
  filter: { minWidth: 0 },
  select: { minWidth: 0, width: '100%', maxWidth: '100%' },
  wide: { gridColumn: '1 / -1' },
  searchButton: { justifySelf: 'start' },
  results: { maxHeight: '360px', overflowY: 'auto' },
  muted: { color: tokens.colorNeutralForeground3 },
});

/** A partner's name in a table cell, with its tenant ID (and a note) beneath. */
export function PartnerName({ partner, note }: { partner: Pick<PartnerSearchResult, 'name' | 'tenantId'>; note?: string }) {
  const styles = useStyles();
  return (
    <>
      {partner.name}
      <Caption1 block className={styles.muted}>
        {partner.tenantId}
        {note ? ` · ${note}` : ''}
      </Caption1>
    </>
  );
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * "Select CSP partners" (MKP-3): search active CSP resellers by name or tenant ID, filter by
 * country, competency and skill (chosen from the values the resellers name), tick several (across
 * searches) and add them to the list.
 */
export function PartnerPickerDialog({ existing, onAdd, onClose }: { existing: ReadonlySet<string>; onAdd(partners: PartnerSearchResult[]): void; onClose(): void }) {
  const styles = useStyles();
  const { t } = useTranslation();
  const format = useFormat();
  const [text, setText] = useState('');
  const [country, setCountry] = useState('');
  const [competency, setCompetency] = useState('');
  const [skill, setSkill] = useState('');
  const [query, setQuery] = useState<Record<string, string> | null>(null);
  const [picked, setPicked] = useState<Map<string, PartnerSearchResult>>(new Map());

  const countries = useMemo(
    () => COUNTRY_CODES.map((code) => ({ code, name: format.country(code) })).sort((a, b) => a.name.localeCompare(b.name, format.language)),
    [format],
  );

  const results = usePartnerSearch(query, query !== null);
  const filterValues = usePartnerSearchFilters();

  const onSearch = (event: FormEvent) => {
    event.preventDefault();
    const value = text.trim();
    setQuery({
      ...(UUID.test(value) ? { tenantId: value.toLowerCase() } : value ? { q: value } : {}),
      ...(country ? { country } : {}),
      ...(competency ? { competency } : {}),
      ...(skill ? { skill } : {}),
    });
  };

  const toggle = (partner: PartnerSearchResult, on: boolean) => {
    const next = new Map(picked);
    if (on) next.set(partner.tenantId, partner);
    else next.delete(partner.tenantId);
    setPicked(next);
  };

  return (
    <Dialog open onOpenChange={(_e, data) => (!data.open ? onClose() : undefined)}>
      <DialogSurface className={styles.surface} data-testid="partner-picker">
        <DialogBody>
          <DialogTitle>{t('marketplace.picker.title')}</DialogTitle>
          <DialogContent className={styles.content}>
            <Body1>{t('marketplace.picker.intro')}</Body1>
            <ErrorBar error={filterValues.error} testId="partner-search-filters-error" />
            <form className={styles.filters} onSubmit={onSearch} noValidate>
              <Field label={t('marketplace.picker.search')} className={styles.wide}>
                <Input value={text} onChange={(_e, data) => setText(data.value)} contentBefore={<SearchRegular />} data-testid="partner-search-text" />
              </Field>
              <Field label={t('marketplace.picker.country')} className={styles.filter}>
                <Select className={styles.select} value={country} onChange={(_e, data) => setCountry(data.value)} data-testid="partner-search-country">
                  <option value="">{t('marketplace.picker.anyCountry')}</option>
                  {countries.map((item) => (
                    <option key={item.code} value={item.code}>
                      {item.name}
                    </option>
                  ))}
                </Select>
              </Field>
              {/* MKP-3: the competencies and skills the active CSP resellers name, so a filter always matches someone. */}
              <Field label={t('marketplace.picker.competency')} className={styles.filter}>
                <Select className={styles.select} value={competency} disabled={filterValues.isPending} onChange={(_e, data) => setCompetency(data.value)} data-testid="partner-search-competency">
                  <option value="">{t('marketplace.picker.anyCompetency')}</option>
                  {(filterValues.data?.competencies ?? []).map((value) => (
                    <option key={value} value={value}>
                      {value}
                    </option>
                  ))}
                </Select>
              </Field>
              <Field label={t('marketplace.picker.skill')} className={styles.filter}>
                <Select className={styles.select} value={skill} disabled={filterValues.isPending} onChange={(_e, data) => setSkill(data.value)} data-testid="partner-search-skill">
                  <option value="">{t('marketplace.picker.anySkill')}</option>
                  {(filterValues.data?.skills ?? []).map((value) => (
                    <option key={value} value={value}>
                      {value}
                    </option>
                  ))}
                </Select>
              </Field>
              <Button type="submit" appearance="primary" className={styles.searchButton} data-testid="partner-search-submit">
                {t('marketplace.picker.searchButton')}
              </Button>
            </form>
            <div className={styles.results}>
              {query === null ? (
                <Body1 className={styles.muted}>{t('marketplace.picker.hint')}</Body1>
              ) : results.error ? (
                <ErrorBar error={results.error} />
              ) : results.isPending ? (
                <Loading />
              ) : results.data.items.length === 0 ? (
                <Body1 className={styles.muted} data-testid="partner-search-empty">
                  {t('marketplace.picker.noResults')}
                </Body1>
              ) : (
                <DataTable<PartnerSearchResult>
                  size="small"
                  aria-label={t('marketplace.picker.results')}
                  testId="partner-search-results"
                  rows={results.data.items}
                  rowId={(partner) => partner.tenantId}
                  select={{
                    // Partners already in the list show ticked, and stay so.
                    selected: new Set([...existing, ...picked.keys()]),
                    canChange: (partner) => !existing.has(partner.tenantId),
                    onChange: toggle,
                    label: (partner) => partner.name,
                    testId: (partner) => `partner-result-${partner.tenantId}`,
                  }}
                  columns={[
                    {
                      id: 'partner',
                      header: t('marketplace.audience.partner'),
                      cell: (partner) => <PartnerName partner={partner} note={existing.has(partner.tenantId) ? t('marketplace.picker.alreadyAdded') : undefined} />,
                    },
                    { id: 'country', header: t('marketplace.audience.country'), cell: (partner) => format.country(partner.country) },
                    {
                      id: 'competencies',
                      header: t('marketplace.picker.competencies'),
                      cell: (partner) => [...partner.competencies, ...partner.skills].join(', ') || t('common.emptyValue'),
                    },
                  ]}
                />
              )}
            </div>
            {picked.size > 0 ? (
              <Caption1 data-testid="partner-picker-selection">
                {t('marketplace.picker.selection', { partners: [...picked.values()].map((partner) => partner.name).join(', ') })}
              </Caption1>
            ) : null}
          </DialogContent>
          <DialogActions>
            <Button appearance="secondary" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button appearance="primary" disabled={picked.size === 0} onClick={() => onAdd([...picked.values()])} data-testid="partner-picker-add">
              {t('marketplace.picker.add', { count: picked.size })}
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
