// Hydrates the server-rendered page in the browser.
import { hydrateRoot } from 'react-dom/client';
import { App, type AppProps } from './App';

declare global {
  interface Window {
    PAGE_PROPS: AppProps;
  }
}

hydrateRoot(document.getElementById('root')!, <App {...window.PAGE_PROPS} />);
