/* A child's page: the "Reset zoom" buttons of its zoomable charts (PrimeFaces' p:chart keeps its Chart.js instance
   as the widget's chart). A file, not inline code: the portal's CSP allows no inline scripts. */
document.addEventListener('click', function (event) {
  var button = event.target.closest ? event.target.closest('[data-reset-zoom]') : null;
  if (!button || typeof PF !== 'function') {
    return;
  }
  var widget = PF(button.getAttribute('data-reset-zoom'));
  if (widget && widget.chart && typeof widget.chart.resetZoom === 'function') {
    widget.chart.resetZoom();
  }
});
