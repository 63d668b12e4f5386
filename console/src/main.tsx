import '@fontsource-variable/inter';
import './styles.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App, Unconfigured } from './App';
import { loadConfig } from './config';

const root = createRoot(document.getElementById('root')!);
loadConfig().then(
  (config) => root.render(<StrictMode>{config ? <App config={config} /> : <Unconfigured />}</StrictMode>),
  (error: Error) => root.render(<StrictMode><Unconfigured error={error.message} /></StrictMode>),
);
