import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { QueryClientProvider } from '@tanstack/react-query';
import { I18nextProvider, useTranslation } from 'react-i18next';
import i18n from './i18n';
import { App } from './App';
import { createQueryClient } from './queryClient';

const queryClient = createQueryClient();

function Providers() {
  const { i18n: instance } = useTranslation();
  return (
    <FluentProvider theme={webLightTheme} style={{ minHeight: '100vh' }} lang={instance.language}>
      <QueryClientProvider client={queryClient}>
        <App />
      </QueryClientProvider>
    </FluentProvider>
  );
}

const container = document.getElementById('root');
if (!container) throw new Error('Missing #root element');

createRoot(container).render(
  <StrictMode>
    <I18nextProvider i18n={i18n}>
      <Providers />
    </I18nextProvider>
  </StrictMode>,
);
