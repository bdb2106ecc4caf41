import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router-dom';
import '@fontsource/sarabun/400.css';
import '@fontsource/sarabun/700.css';
import './ui/styles.css';
import { initialLang, LangProvider } from './i18n';
import { loadInitial } from './i18n/catalog';
import { AuthProvider } from './app/auth';
import { preloadRoute, router } from './app/router';

const root = document.getElementById('root');
if (!root) throw new Error('#root missing from index.html');

// The first paint waits for the texts of the chosen language; the page the address
// points at downloads meanwhile, so the wait adds no round trip.
const lang = initialLang();
const texts = loadInitial(lang);
preloadRoute(window.location.pathname);

texts.then(
  () =>
    createRoot(root).render(
      <StrictMode>
        <LangProvider initial={lang}>
          <AuthProvider>
            <RouterProvider router={router} />
          </AuthProvider>
        </LangProvider>
      </StrictMode>,
    ),
  (error: unknown) => {
    // Without its texts the app cannot say anything: say it in both languages.
    console.error(error);
    const notice = document.createElement('p');
    notice.className = 'notice';
    notice.setAttribute('role', 'alert');
    notice.textContent = 'โหลดหน้าไม่สำเร็จ · The page could not load. ';
    const retry = document.createElement('button');
    retry.type = 'button';
    retry.className = 'btn';
    retry.textContent = 'ลองอีกครั้ง · Try again';
    retry.addEventListener('click', () => window.location.reload());
    notice.append(retry);
    root.replaceChildren(notice);
  },
);
