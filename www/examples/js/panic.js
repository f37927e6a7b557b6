// Adds a widget once the panic has happened: the page's other widgets, old and new, must work.
document.getElementById('add').addEventListener('click', () => {
  const widget = document.createElement('retour-emploi');
  widget.id = 'added';
  widget.setAttribute('formacode', '12250');
  widget.setAttribute('commune', '31555');
  widget.setAttribute('proxy', '{{PROXY_ORIGIN}}/v1/rank');
  widget.setAttribute('variant', 'compact');
  document.getElementById('widgets').append(widget);
});
