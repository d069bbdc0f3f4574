import type { StorybookConfig } from '@storybook/react-vite';
import react from '@vitejs/plugin-react';

const config: StorybookConfig = {
  stories: ['../stories/**/*.mdx', '../stories/**/*.stories.@(ts|tsx)'],
  addons: ['@storybook/addon-docs'],
  framework: { name: '@storybook/react-vite', options: {} },
  // No internet here, and no tracking of designers anyway.
  core: { disableTelemetry: true, disableWhatsNewNotifications: true },
  // Storybook 10 ships its onboarding in core (sidebar checklist + "Onboarding guide" menu page): off for this library.
  features: { sidebarOnboardingChecklist: false, menuOnboardingChecklist: false },
  // react-docgen (Babel, per file) instead of react-docgen-typescript, which builds a whole TypeScript program
  // before the first story can render: that wait is what made the first story time out in dev. The props a
  // designer changes get explicit argTypes in the stories, so nothing is lost from the controls.
  typescript: { reactDocgen: 'react-docgen' },
  async viteFinal(viteConfig) {
    viteConfig.plugins = [...(viteConfig.plugins ?? []), react()];
    // Pre-bundle every runtime dependency up front: discovered one by one on the first story, each new
    // one makes Vite re-optimise and reload the page mid-load.
    viteConfig.optimizeDeps = {
      ...viteConfig.optimizeDeps,
      include: [
        ...(viteConfig.optimizeDeps?.include ?? []),
        'react',
        'react-dom',
        'react-dom/client',
        'react/jsx-runtime',
        '@radix-ui/react-dialog',
        '@radix-ui/react-dismissable-layer',
        '@radix-ui/react-portal',
        '@radix-ui/react-tabs',
        '@tanstack/react-query',
        '@tanstack/react-table',
        '@visx/group',
        '@visx/shape',
        'clsx',
        'ipaddr.js',
        'valibot',
      ],
    };
    return viteConfig;
  },
};

export default config;
