import { useState, type FormEvent } from 'react';
import {
  Badge,
  Button,
  Caption1,
  Card,
  CardHeader,
  MessageBar,
  MessageBarBody,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { AddRegular, LinkRegular } from '@fluentui/react-icons';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { emptyAddress, missingAddressFields, type AddressField, type AddressValues } from '../../address';
import { AddressFields, AddressView } from '../../components/AddressFields';
import { DataTable } from '../../components/DataTable';
import { ErrorBar } from '../../components/ErrorBar';
import { Loading } from '../../components/Loading';
import { useFormat } from '../../format';
import { useAddLocation, useAssociatePartnerId, useLegalProfile, useLocations, usePartnerIdAssociation, useRefreshStanding } from '../../api/partner';
import { keys } from '../../api/keys';
import { fieldError } from '../../problem';
import { useMe } from '../../session';
import type { Location } from '@contracts/enrollment';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: '14px' },
  tableWrap: {
    backgroundColor: tokens.colorNeutralBackground1,
    borderRadius: tokens.borderRadiusMedium,
    boxShadow: tokens.shadow2,
    overflowX: 'auto',
  },
  addressCell: { paddingTop: '8px', paddingBottom: '8px' },
  partnerId: { fontFamily: tokens.fontFamilyMonospace, fontWeight: tokens.fontWeightSemibold },
  empty: { padding: '20px', textAlign: 'center', color: tokens.colorNeutralForeground3 },
  form: { display: 'flex', flexDirection: 'column', gap: '12px', maxWidth: '640px' },
  formCard: { maxWidth: '680px' },
  actions: { display: 'flex', gap: '8px' },
  hint: { color: tokens.colorNeutralForeground3 },
});

const LOCATION_PATHS = ['/country', '/address'] as const;

/** The form that adds a location; the program issues the new location its PartnerID (ENR-8). */
function AddLocationForm({ defaultCountry, onDone, onCancel }: { defaultCountry: string; onDone(location: Location): void; onCancel(): void }) {
  const styles = useStyles();
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [address, setAddress] = useState<AddressValues>(() => emptyAddress(defaultCountry));
  const [submitted, setSubmitted] = useState(false);

  const add = useAddLocation({
    onSuccess: async (location) => {
      await queryClient.invalidateQueries({ queryKey: keys.partner.locations });
      onDone(location);
    },
  });

  const missing = missingAddressFields(address);
  const errorFor = (field: AddressField) =>
    (submitted && missing.includes(field)
      ? field === 'country'
        ? t('validation.countryRequired')
        : t('validation.required')
      : undefined) ??
    fieldError(add.error, `/address/${field}`) ??
    (field === 'country' ? fieldError(add.error, '/country') : undefined);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    event.stopPropagation();
    setSubmitted(true);
    if (missing.length > 0) return;
    add.mutate(address);
  };

  return (
    <Card className={styles.formCard} data-testid="location-form">
      <CardHeader
        header={<Text weight="semibold">{t('locations.addTitle')}</Text>}
        description={<Caption1 className={styles.hint}>{t('locations.addDescription')}</Caption1>}
      />
      <form className={styles.form} onSubmit={onSubmit} noValidate>
        <ErrorBar error={add.error} fieldPaths={LOCATION_PATHS} testId="location-error" />
        <AddressFields value={address} onChange={setAddress} errorFor={errorFor} testIdPrefix="location" />
        <div className={styles.actions}>
          <Button appearance="primary" type="submit" disabled={add.isPending} data-testid="location-submit">
            {t('locations.addSubmit')}
          </Button>
          <Button onClick={onCancel} data-testid="location-cancel">
            {t('common.cancel')}
          </Button>
        </div>
      </form>
    </Card>
  );
}

export interface LocationsPanelProps {
  canManage: boolean;
}

/**
 * The organization's locations with their PartnerIDs, which one is associated with the CSP account,
 * and (for a global admin) adding a location and associating its PartnerID.
 */
export function LocationsPanel({ canManage }: LocationsPanelProps) {
  const styles = useStyles();
  const { t } = useTranslation();
  const format = useFormat();
  const queryClient = useQueryClient();
  const refresh = useRefreshStanding();
  const { data: me } = useMe();
  const locations = useLocations();
  const association = usePartnerIdAssociation();
  const legal = useLegalProfile();
  const [adding, setAdding] = useState(false);
  const [added, setAdded] = useState<Location | null>(null);

  // ENR-8: the PartnerID must be of a location in the CSP account's country (the legal address's).
  const accountCountry = legal.data?.address.country ?? me?.tenant.country ?? '';

  const associate = useAssociatePartnerId({
    onSuccess: async (result) => {
      queryClient.setQueryData(keys.partner.partnerId, result);
      setAdded(null);
      await refresh();
    },
  });

  if (locations.error) return <ErrorBar error={locations.error} testId="locations-error" />;
  if (association.error) return <ErrorBar error={association.error} testId="partner-id-error" />;
  if (locations.isPending || association.isPending) return <Loading />;

  const current = association.data;
  const items = locations.data.items;

  return (
    <div className={styles.root} data-testid="locations-panel">
      {current ? (
        <MessageBar intent="success" data-testid="partner-id-associated" data-partner-id={current.partnerId}>
          <MessageBarBody>
            {t('locations.associated', { partnerId: current.partnerId, country: format.country(current.country) })}
          </MessageBarBody>
        </MessageBar>
      ) : (
        <MessageBar intent="info" data-testid="partner-id-not-associated">
          <MessageBarBody>
            {t('locations.notAssociated', { country: format.country(accountCountry) })}
          </MessageBarBody>
        </MessageBar>
      )}
      {added && current?.partnerId !== added.partnerId ? (
        <MessageBar intent="success" data-testid="location-added">
          <MessageBarBody>{t('locations.added', { partnerId: added.partnerId })}</MessageBarBody>
        </MessageBar>
      ) : null}
      <ErrorBar error={associate.error} testId="associate-error" />
      <div className={styles.tableWrap}>
        <DataTable<Location>
          aria-label={t('locations.tableLabel')}
          testId="locations-table"
          rows={items}
          rowId={(location) => location.id}
          rowProps={(location) => ({ 'data-testid': `location-row-${location.partnerId}` })}
          columns={[
            { id: 'partnerId', header: t('locations.columnPartnerId'), cell: (location) => <span className={styles.partnerId}>{location.partnerId}</span> },
            { id: 'country', header: t('locations.columnCountry'), cell: (location) => format.country(location.country) },
            { id: 'address', header: t('locations.columnAddress'), cell: (location) => <AddressView address={location.address} />, cellClassName: styles.addressCell },
            { id: 'added', header: t('locations.columnAdded'), cell: (location) => format.date(location.createdAt) },
            {
              id: 'association',
              header: t('locations.columnAssociation'),
              cell: (location) =>
                current?.partnerId === location.partnerId ? (
                  <Badge appearance="tint" color="success" data-testid={`location-associated-${location.partnerId}`}>
                    {t('locations.associatedBadge')}
                  </Badge>
                ) : canManage ? (
                  <Button
                    size="small"
                    icon={<LinkRegular />}
                    disabled={associate.isPending}
                    onClick={() => associate.mutate(location.partnerId)}
                    data-testid={`associate-${location.partnerId}`}
                  >
                    {t('locations.associate')}
                  </Button>
                ) : null,
            },
          ]}
        />
        {items.length === 0 ? <div className={styles.empty}>{t('locations.empty')}</div> : null}
      </div>
      {canManage ? (
        adding ? (
          <AddLocationForm
            defaultCountry={accountCountry}
            onCancel={() => setAdding(false)}
            onDone={(location) => {
              setAdding(false);
              setAdded(location);
              associate.reset();
            }}
          />
        ) : (
          <div>
            <Button icon={<AddRegular />} onClick={() => setAdding(true)} data-testid="add-location-button">
              {t('locations.add')}
            </Button>
          </div>
        )
      ) : null}
    </div>
  );
}
