import { describe, expect, it, vi } from 'vitest';

// The real electron package must never load in unit tests; these modules only need its types.
vi.mock('electron', () => ({}));

import {
  APP_ENTRY_URL,
  hardenSession,
  hardenWebContents,
  isAppUrl,
  isSafeExternalUrl,
  isTrustedSender,
} from '../../electron/security';
import { fakeSession, fakeWebContents } from './fakes';

describe('isAppUrl', () => {
  it.each([APP_ENTRY_URL, 'app://stepping-stones/', 'app://stepping-stones/assets/a.js?x=1#y'])('accepts %s', (url) => {
    expect(isAppUrl(url)).toBe(true);
  });

  it.each([
    'app://evil/index.html',
    'app://stepping-stones.evil.example/',
    'https://stepping-stones/',
    'file:///app/index.html',
    'http://127.0.0.1:5173/',
    'javascript:alert(1)',
    'not a url',
    '',
  ])('rejects %s', (url) => {
    expect(isAppUrl(url)).toBe(false);
  });
});

describe('isSafeExternalUrl', () => {
  it('allows https web pages', () => {
    expect(isSafeExternalUrl('https://example.com/help?q=1')).toBe(true);
  });

  it.each([
    'http://example.com/',
    'file:///etc/passwd',
    'smb://server/share',
    'javascript:alert(1)',
    'mailto:someone@example.com',
    'ms-msdt:/id PCWDiagnostic',
    'https://user:pass@example.com/',
    'https://user@example.com/',
    'not a url',
  ])('refuses %s', (url) => {
    expect(isSafeExternalUrl(url)).toBe(false);
  });
});

describe('isTrustedSender', () => {
  it('trusts the app page in the top frame', () => {
    expect(isTrustedSender({ url: APP_ENTRY_URL, parent: null })).toBe(true);
  });

  it('rejects a subframe even when it shows an app:// page', () => {
    const top = { url: APP_ENTRY_URL, parent: null };
    expect(isTrustedSender({ url: APP_ENTRY_URL, parent: top as never })).toBe(false);
  });

  it.each(['https://evil.example/', 'file:///tmp/x.html', 'app://other-host/index.html', 'about:blank', 'devtools://devtools/'])(
    'rejects a top frame showing %s',
    (url) => {
      expect(isTrustedSender({ url, parent: null })).toBe(false);
    },
  );

  it('rejects a missing frame (a destroyed or navigated-away sender)', () => {
    expect(isTrustedSender(null)).toBe(false);
    expect(isTrustedSender(undefined)).toBe(false);
  });
});

describe('hardenWebContents', () => {
  it('denies every new window and opens only https links in the system browser', () => {
    const fake = fakeWebContents();
    const openExternal = vi.fn(async () => {});
    hardenWebContents(fake.contents, openExternal);

    expect(fake.openWindow('https://example.com/guide')).toEqual({ action: 'deny' });
    expect(openExternal).toHaveBeenCalledWith('https://example.com/guide');

    for (const url of ['http://example.com/', 'file:///etc/passwd', 'javascript:alert(1)', APP_ENTRY_URL, 'smb://x/y']) {
      expect(fake.openWindow(url)).toEqual({ action: 'deny' });
    }
    expect(openExternal).toHaveBeenCalledTimes(1);
  });

  it.each(['https://evil.example/', 'file:///etc/passwd', 'http://127.0.0.1:3000/', 'app://other/index.html'])(
    'prevents navigation to %s',
    (url) => {
      const fake = fakeWebContents();
      hardenWebContents(fake.contents, async () => {});
      expect(fake.emit('will-navigate', url)).toBe(true);
    },
  );

  it('allows navigation within the app', () => {
    const fake = fakeWebContents();
    hardenWebContents(fake.contents, async () => {});
    expect(fake.emit('will-navigate', 'app://stepping-stones/index.html#/clients')).toBe(false);
  });

  it('prevents redirects away from the app and allows redirects within it', () => {
    const fake = fakeWebContents();
    hardenWebContents(fake.contents, async () => {});
    expect(fake.emit('will-redirect', 'https://evil.example/')).toBe(true);
    expect(fake.emit('will-redirect', APP_ENTRY_URL)).toBe(false);
  });

  it('prevents attaching a webview', () => {
    const fake = fakeWebContents();
    hardenWebContents(fake.contents, async () => {});
    expect(fake.emit('will-attach-webview', {}, {})).toBe(true);
  });
});

describe('hardenSession', () => {
  it('denies every permission request, permission check and device permission', () => {
    const fake = fakeSession();
    hardenSession(fake.session);
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal']) {
      const callback = vi.fn();
      fake.handlers.request!(null, permission, callback, {});
      expect(callback).toHaveBeenCalledWith(false);
    }
    expect(fake.handlers.check!(null, 'media', APP_ENTRY_URL, {})).toBe(false);
    expect(fake.handlers.device!({ deviceType: 'usb', origin: APP_ENTRY_URL })).toBe(false);
  });
});
