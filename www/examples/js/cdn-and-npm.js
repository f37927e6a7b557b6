// The site's own code, using the npm package as published (no bundler: the package is plain ES modules).
import { define, mount } from '/npm/retour-emploi-widget/index.js';

define();
mount(document.getElementById('from-npm'), {
  formacode: '31054',
  commune: '75056',
  proxy: '{{PROXY_ORIGIN}}/v1/rank', // the test server writes the proxy's origin here
});
