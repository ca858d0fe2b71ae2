// Coverage map webview: selecting a region (map marker or table button) asks the extension to reveal it in the
// Coverage view. Nothing else happens here; the extension re-renders the page when a scan finishes.
// @ts-check
(function () {
  // eslint-disable-next-line no-undef
  const vscode = acquireVsCodeApi();
  /** @param {Element | null} element */
  function reveal(element) {
    const region = element && element.getAttribute('data-region');
    if (region) vscode.postMessage({ type: 'revealRegion', region });
  }
  document.addEventListener('click', (event) => {
    const target = /** @type {Element} */ (event.target);
    reveal(target.closest('[data-region]'));
  });
  document.addEventListener('keydown', (event) => {
    if (event.key !== 'Enter' && event.key !== ' ') return;
    const target = /** @type {Element} */ (event.target);
    if (target.classList && target.classList.contains('tsm-region')) {
      event.preventDefault();
      reveal(target);
    }
  });
  vscode.postMessage({ type: 'ready' });
})();
