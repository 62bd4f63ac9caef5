import { Link } from '@fluentui/react-components';
import { linkify } from '../linkify';

/**
 * Plain text (a mail's body) with its http and https addresses as links: the portal's own open in this
 * tab, others in a new one. Never HTML: the text is rendered as text.
 */
export function LinkifiedText({ text }: { text: string }) {
  return (
    <>
      {linkify(text).map((part, index) => {
        if (part.kind === 'text') return part.text;
        const external = new URL(part.href).origin !== window.location.origin;
        return (
          <Link key={index} href={part.href} inline target={external ? '_blank' : undefined} rel="noopener noreferrer" data-testid="notification-link">
            {part.text}
          </Link>
        );
      })}
    </>
  );
}
