import type { MouseEvent, ReactNode } from 'react';
import { Link } from '@fluentui/react-components';
import { useNavigate } from 'react-router';

export interface AppLinkProps {
  to: string;
  children: ReactNode;
  inline?: boolean;
  className?: string;
  'data-testid'?: string;
}

/** Fluent link that navigates inside the single-page app (still a real link for new tabs). */
export function AppLink({ to, children, inline, className, 'data-testid': testId }: AppLinkProps) {
  const navigate = useNavigate();
  const onClick = (event: MouseEvent<HTMLElement>) => {
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) {
      return;
    }
    event.preventDefault();
    navigate(to);
  };
  return (
    <Link href={to} onClick={onClick} inline={inline} className={className} data-testid={testId}>
      {children}
    </Link>
  );
}
