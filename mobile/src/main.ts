import './parents/app.css';
import { startApp } from './parents/app';

startApp(document.getElementById('app')!);

// The service worker only in production builds: in development it would serve stale modules.
if (import.meta.env.PROD && 'serviceWorker' in navigator) {
  void import('virtual:pwa-register').then(({ registerSW }) => registerSW({ immediate: true }));
}
