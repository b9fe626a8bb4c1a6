/**
 * Routes, lazy-loaded per page, with the roles that may open them. Navigation (the sidebar) is built
 * from the same table, so a page and its menu entry cannot disagree.
 */
import { STAFF_ROLES, RESELLER_ROLES, type Role } from '@rma/rules';
import {
  createRouter,
  createWebHistory,
  type RouteLocationRaw,
  type RouteRecordRaw,
  type Router,
} from 'vue-router';
import type { IconName } from '../components/icons';
import { useAuthStore } from '../stores/auth';

export type NavIcon = IconName;

declare module 'vue-router' {
  interface RouteMeta {
    /** Open without a session (the login and first-run pages). */
    public?: boolean;
    /** Who may open the page; absent: any signed-in user. */
    roles?: readonly Role[];
    /** The document title. */
    title?: string;
    /** The page's entry in the navigation. */
    nav?: { label: string; icon: NavIcon; order: number };
  }
}

const STAFF = STAFF_ROLES;
const RESELLERS = RESELLER_ROLES;
const ADMINS: readonly Role[] = ['DISTRIBUTOR_ADMIN'];

export const routes: RouteRecordRaw[] = [
  {
    path: '/login',
    name: 'login',
    component: () => import('../views/auth/LoginPage.vue'),
    meta: { public: true, title: 'Sign in' },
  },
  {
    path: '/setup',
    name: 'setup',
    component: () => import('../views/auth/FirstRunPage.vue'),
    meta: { public: true, title: 'Create the first administrator' },
  },
  { path: '/', name: 'home', redirect: () => homeFor(useAuthStore().role) },

  // Distributor staff
  {
    path: '/dashboard',
    name: 'dashboard',
    component: () => import('../views/dashboard/DashboardPage.vue'),
    meta: { roles: STAFF, title: 'Dashboard', nav: { label: 'Dashboard', icon: 'dashboard', order: 2 } },
  },
  {
    path: '/triage',
    name: 'triage',
    component: () => import('../views/triage/QueuePage.vue'),
    meta: { roles: STAFF, title: 'Triage queue', nav: { label: 'Triage queue', icon: 'inbox', order: 1 } },
  },
  {
    path: '/manufacturers',
    name: 'manufacturers',
    component: () => import('../views/manufacturers/ManufacturersPage.vue'),
    meta: {
      roles: STAFF,
      title: 'Manufacturers',
      nav: { label: 'Manufacturers', icon: 'factory', order: 3 },
    },
  },
  {
    path: '/manufacturers/new',
    name: 'manufacturer-new',
    component: () => import('../views/manufacturers/ManufacturerEditPage.vue'),
    meta: { roles: ADMINS, title: 'New manufacturer' },
  },
  {
    path: '/manufacturers/:slug',
    name: 'manufacturer',
    component: () => import('../views/manufacturers/ManufacturerEditPage.vue'),
    props: true,
    meta: { roles: STAFF, title: 'Manufacturer' },
  },
  {
    path: '/webhooks',
    name: 'webhooks',
    component: () => import('../views/webhooks/DeliveriesPage.vue'),
    meta: { roles: STAFF, title: 'Webhook deliveries', nav: { label: 'Webhooks', icon: 'send', order: 5 } },
  },
  {
    path: '/outbox',
    name: 'outbox',
    component: () => import('../views/mail/OutboxPage.vue'),
    meta: { roles: STAFF, title: 'E-mail outbox', nav: { label: 'Outbox', icon: 'mail', order: 6 } },
  },
  {
    path: '/resellers',
    name: 'resellers',
    component: () => import('../views/resellers/ResellersPage.vue'),
    meta: { roles: STAFF, title: 'Resellers', nav: { label: 'Resellers', icon: 'store', order: 4 } },
  },
  {
    path: '/staff',
    name: 'staff',
    component: () => import('../views/staff/StaffPage.vue'),
    meta: { roles: ADMINS, title: 'Staff', nav: { label: 'Staff', icon: 'users', order: 7 } },
  },
  {
    path: '/triage/returns/:id',
    name: 'staff-return',
    component: () => import('../views/returns/StaffReturnPage.vue'),
    props: true,
    meta: { roles: STAFF, title: 'Return' },
  },
  {
    path: '/resellers/:id',
    name: 'reseller',
    component: () => import('../views/resellers/ResellerPage.vue'),
    props: true,
    meta: { roles: STAFF, title: 'Reseller' },
  },

  // Reseller portal
  {
    path: '/my-tickets',
    name: 'my-tickets',
    component: () => import('../views/portal/MyTicketsPage.vue'),
    meta: { roles: RESELLERS, title: 'My tickets', nav: { label: 'My tickets', icon: 'list', order: 1 } },
  },
  {
    path: '/new-ticket',
    name: 'new-ticket',
    component: () => import('../views/portal/NewTicketPage.vue'),
    meta: { roles: RESELLERS, title: 'New ticket', nav: { label: 'New ticket', icon: 'plus', order: 2 } },
  },
  {
    path: '/new-return',
    name: 'new-return',
    component: () => import('../views/portal/NewReturnPage.vue'),
    meta: { roles: RESELLERS, title: 'New return' },
  },
  {
    path: '/returns/:id',
    name: 'return',
    component: () => import('../views/portal/ReturnPage.vue'),
    props: true,
    meta: { roles: RESELLERS, title: 'Return' },
  },
  {
    path: '/team',
    name: 'team',
    component: () => import('../views/portal/TeamPage.vue'),
    meta: {
      roles: ['RESELLER_ADMIN'],
      title: 'Team & API keys',
      nav: { label: 'Team & API keys', icon: 'users', order: 3 },
    },
  },

  // Both
  {
    path: '/account',
    name: 'account',
    component: () => import('../views/auth/AccountPage.vue'),
    meta: { title: 'Your account' },
  },
  {
    path: '/tickets/:id',
    name: 'ticket',
    component: () => import('../views/tickets/TicketPage.vue'),
    props: true,
    meta: { title: 'Ticket' },
  },
  {
    path: '/:pathMatch(.*)*',
    name: 'not-found',
    component: () => import('../views/NotFoundPage.vue'),
    meta: { title: 'Not found' },
  },
];

export function homeFor(role: Role | null): RouteLocationRaw {
  if (role === null) return { name: 'login' };
  return (STAFF as readonly Role[]).includes(role) ? { name: 'triage' } : { name: 'my-tickets' };
}

/** The navigation entries a role sees, in order. */
export function navFor(role: Role | null) {
  if (role === null) return [];
  return routes
    .filter((r) => r.meta?.nav && (!r.meta.roles || r.meta.roles.includes(role)))
    .map((r) => ({ name: r.name as string, path: r.path, ...r.meta!.nav! }))
    .sort((a, b) => a.order - b.order);
}

export function createAppRouter(): Router {
  const router = createRouter({
    history: createWebHistory('/'),
    routes,
    scrollBehavior: (_to, _from, saved) => saved ?? { top: 0 },
  });

  router.beforeEach((to) => {
    const auth = useAuthStore();
    if (to.meta.public) {
      return auth.isAuthenticated && to.name === 'login' ? homeFor(auth.role) : true;
    }
    if (!auth.isAuthenticated) {
      return { name: 'login', query: to.fullPath !== '/' ? { redirect: to.fullPath } : {} };
    }
    const roles = to.meta.roles;
    if (roles && (auth.role === null || !roles.includes(auth.role))) {
      // Not for this role: the same answer as a page that does not exist.
      return { name: 'not-found', params: { pathMatch: to.path.slice(1).split('/') }, replace: true };
    }
    return true;
  });

  router.afterEach((to) => {
    document.title = to.meta.title ? `${to.meta.title} · RMA desk` : 'RMA desk';
  });

  return router;
}
