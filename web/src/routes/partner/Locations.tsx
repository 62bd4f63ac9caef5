import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/PageHeader';
import { RequirePartnerPermission } from '../../components/RequirePermission';
import { PERMISSIONS } from '../../permissions';
import { usePermission } from '../../session';
import { LocationsPanel } from './LocationsPanel';

function LocationsContent() {
  const { t } = useTranslation();
  const canManage = usePermission(PERMISSIONS.partnerProfileManage);
  return (
    <div data-testid="locations-page">
      <PageHeader title={t('locations.title')} description={t('locations.description')} />
      <LocationsPanel canManage={canManage} />
    </div>
  );
}

export default function Locations() {
  return (
    <RequirePartnerPermission permission={PERMISSIONS.partnerProfileRead}>
      <LocationsContent />
    </RequirePartnerPermission>
  );
}
