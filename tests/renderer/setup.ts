import { cleanup } from '@testing-library/react';
import { afterEach } from 'vitest';

// jsdom does no layout, so every element measures 0×0 and a virtualised list would show no rows.
// Give the scroll container of the client table the size of a typical laptop window.
function sizeOfScrollContainer(dimension: 'clientWidth' | 'clientHeight', size: number): void {
  const original = Object.getOwnPropertyDescriptor(Element.prototype, dimension)!;
  Object.defineProperty(HTMLElement.prototype, dimension, {
    configurable: true,
    get(this: HTMLElement) {
      return this.classList.contains('client-table-body') ? size : original.get!.call(this);
    },
  });
}
sizeOfScrollContainer('clientWidth', 1000);
sizeOfScrollContainer('clientHeight', 640);

afterEach(() => {
  cleanup();
  window.location.hash = '';
});
