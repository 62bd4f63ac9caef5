// The billing pages' two views of the same documents, charges or terms: those the tenant received and
// those it issued (or gave). The chosen tab is the address's `direction`, so that a link opens it.
import { Tab, TabList } from '@fluentui/react-components';
import { useSearchParams } from 'react-router';

export interface DirectionTab<D extends string> {
  value: D;
  label: string;
}

/** The direction the address names, or the first tab's when it names none of them. */
export function useDirection<D extends string>(tabs: readonly DirectionTab<D>[]): [D, (direction: D) => void] {
  const [params, setParams] = useSearchParams();
  const named = params.get('direction');
  const first = tabs[0]!.value;
  const direction = tabs.find((tab) => tab.value === named)?.value ?? first;
  // The first tab is the page's own address, without a parameter.
  const choose = (next: D) => setParams(next === first ? {} : { direction: next }, { replace: true });
  return [direction, choose];
}

/** The tabs; with a single one there is nothing to choose and nothing shows. */
export function DirectionTabs<D extends string>({
  tabs,
  value,
  onChange,
  testId,
}: {
  tabs: readonly DirectionTab<D>[];
  value: D;
  onChange(direction: D): void;
  /** data-testid of the list; each tab's is `<testId>-tab-<value>`. */
  testId: string;
}) {
  if (tabs.length < 2) return null;
  return (
    <TabList selectedValue={value} onTabSelect={(_event, data) => onChange(data.value as D)} data-testid={`${testId}-tabs`}>
      {tabs.map((tab) => (
        <Tab key={tab.value} value={tab.value} data-testid={`${testId}-tab-${tab.value}`}>
          {tab.label}
        </Tab>
      ))}
    </TabList>
  );
}
