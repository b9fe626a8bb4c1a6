import { createPinia } from 'pinia';
import { createApp, watch } from 'vue';
import App from './App.vue';
import { configureClient } from './api/client';
import { createAppRouter } from './router';
import { SESSION_STORAGE_KEY, useAuthStore } from './stores/auth';
import { useCatalogStore } from './stores/catalog';
import './styles/main.css';

const app = createApp(App);
const pinia = createPinia();
app.use(pinia);

const auth = useAuthStore(pinia);
configureClient({
  getToken: () => auth.currentToken(),
  onUnauthorized: () => auth.handleUnauthorized(),
});

const router = createAppRouter();
app.use(router);

// The session ended (logout, expiry, a 401, another tab): leave for the login page.
watch(
  () => auth.isAuthenticated,
  (signedIn, was) => {
    if (signedIn || !was) return;
    useCatalogStore(pinia).reset();
    const here = router.currentRoute.value;
    if (here.meta.public) return;
    void router.replace({ name: 'login', query: { redirect: here.fullPath } });
  },
);

window.addEventListener('storage', (e) => {
  if (e.key === SESSION_STORAGE_KEY || e.key === null) auth.syncFromStorage();
});

app.mount('#app');
