import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { CONTENT_SECURITY_POLICY } from './shared/app/content-security-policy.ts';

/** The page carries the same policy as a meta tag, so it holds even where no header is sent. */
function contentSecurityPolicyMeta(): Plugin {
  return {
    name: 'content-security-policy-meta',
    apply: 'build',
    transformIndexHtml: () => [
      {
        tag: 'meta',
        // Browsers ignore frame-ancestors in a meta tag and warn about it; the headers carry it.
        attrs: { 'http-equiv': 'Content-Security-Policy', content: CONTENT_SECURITY_POLICY.replace(/; frame-ancestors [^;]+/, '') },
        injectTo: 'head',
      },
    ],
  };
}

export default defineConfig({
  root: 'renderer',
  // Relative asset URLs work both under app://stepping-stones/ and under the HTTP bridge.
  base: './',
  plugins: [react(), contentSecurityPolicyMeta()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    target: 'chrome130',
    // One bundle loaded from disk or loopback, never over a network: its size is not a concern here.
    chunkSizeWarningLimit: 1024,
  },
});
