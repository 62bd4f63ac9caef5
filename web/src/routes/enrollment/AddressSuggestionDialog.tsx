import { useEffect, useState } from 'react';
import {
  Body1,
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  MessageBar,
  MessageBarBody,
  Radio,
  RadioGroup,
  Text,
  makeStyles,
  mergeClasses,
  tokens,
} from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import { AddressView } from '../../components/AddressFields';
import { useEnrollmentLabels } from '../../labels';
import type { Address, AddressValidation } from '@contracts/enrollment';

const useStyles = makeStyles({
  content: { display: 'flex', flexDirection: 'column', gap: '12px' },
  group: { display: 'block' },
  choices: { display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(200px, 1fr))', gap: '12px', width: '100%' },
  choice: {
    display: 'flex',
    flexDirection: 'column',
    gap: '6px',
    padding: '12px',
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    cursor: 'pointer',
  },
  selected: { border: `2px solid ${tokens.colorBrandStroke1}`, padding: '11px' },
  address: { paddingInlineStart: '32px' },
});

export interface AddressSuggestionDialogProps {
  /** The validation answer with at least one suggestion; null when closed. */
  validation: AddressValidation | null;
  entered: Address;
  onChoose(address: Address): void;
  onCancel(): void;
}

/**
 * ENR-3: the address as entered and the standardized suggestion(s) side by side; the applicant picks
 * the one to keep.
 */
export function AddressSuggestionDialog({ validation, entered, onChoose, onCancel }: AddressSuggestionDialogProps) {
  const styles = useStyles();
  const { t } = useTranslation();
  const labels = useEnrollmentLabels();
  const [choice, setChoice] = useState('suggested-0');

  useEffect(() => {
    if (validation) setChoice('suggested-0');
  }, [validation]);

  const suggestions = validation?.suggestedAddresses ?? [];
  const chosen = (): Address => {
    if (choice === 'entered') return entered;
    const index = Number(choice.replace('suggested-', ''));
    return suggestions[index] ?? entered;
  };

  const option = (value: string, label: string, address: Address, testId: string) => (
    <div
      key={value}
      className={mergeClasses(styles.choice, choice === value && styles.selected)}
      onClick={() => setChoice(value)}
      data-testid={testId}
    >
      <Radio value={value} label={<Text weight="semibold">{label}</Text>} data-testid={`${testId}-radio`} />
      <div className={styles.address}>
        <AddressView address={address} />
      </div>
    </div>
  );

  return (
    <Dialog
      open={!!validation}
      onOpenChange={(_event, data) => {
        if (!data.open) onCancel();
      }}
    >
      <DialogSurface data-testid="address-suggestion-dialog" data-validation-status={validation?.status}>
        <DialogBody>
          <DialogTitle>{t('enrollment.addressDialog.title')}</DialogTitle>
          <DialogContent className={styles.content}>
            <Body1>
              {validation?.status === 'Multiple'
                ? t('enrollment.addressDialog.multiple')
                : t('enrollment.addressDialog.description')}
            </Body1>
            {validation?.validationMessage ? (
              <MessageBar intent="warning" layout="multiline">
                <MessageBarBody>
                  {labels.addressStatus(validation.status)}: {validation.validationMessage}
                </MessageBarBody>
              </MessageBar>
            ) : null}
            <RadioGroup
              className={styles.group}
              value={choice}
              onChange={(_event, data) => setChoice(data.value)}
              aria-label={t('enrollment.addressDialog.title')}
            >
              <div className={styles.choices}>
                {option('entered', t('enrollment.addressDialog.entered'), entered, 'address-choice-entered')}
                {suggestions.map((address, index) =>
                  option(
                    `suggested-${index}`,
                    suggestions.length > 1
                      ? t('enrollment.addressDialog.suggestedNumbered', { number: index + 1 })
                      : t('enrollment.addressDialog.suggested'),
                    address,
                    `address-choice-suggested-${index}`,
                  ),
                )}
              </div>
            </RadioGroup>
          </DialogContent>
          <DialogActions>
            <Button onClick={onCancel} data-testid="address-choice-cancel">
              {t('enrollment.addressDialog.edit')}
            </Button>
            <Button appearance="primary" onClick={() => onChoose(chosen())} data-testid="address-choice-confirm">
              {t('enrollment.addressDialog.use')}
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
