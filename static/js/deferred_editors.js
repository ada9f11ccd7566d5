/*
 * Build a dormant StreamField editor (see pdo_site/forms.py) when its language is shown.
 * wagtail-modeltranslation's language picker hides each language's panels with the class
 * "l10n-hidden"; an editor is woken by giving its element back the Stimulus controller,
 * which Stimulus then connects.
 */
(function () {
  'use strict';
  var DORMANT = 'data-pdo-dormant-controller';
  var pickerReady = false;
  var scheduled = false;

  function wakeVisible() {
    scheduled = false;
    if (!pickerReady) return;
    document.querySelectorAll('[' + DORMANT + ']').forEach(function (element) {
      if (element.closest('.l10n-hidden')) return;
      element.setAttribute('data-controller', element.getAttribute(DORMANT));
      element.removeAttribute(DORMANT);
    });
  }

  function schedule() {
    if (!scheduled) {
      scheduled = true;
      window.requestAnimationFrame(wakeVisible);
    }
  }

  document.addEventListener('wagtail-modeltranslation:buildSets:done', function () {
    pickerReady = true;
    var form = document.querySelector('form[data-edit-form]') || document.body;
    new MutationObserver(schedule).observe(form, {
      attributes: true,
      attributeFilter: ['class'],
      subtree: true,
    });
    schedule();
  });

  // Without the language picker every panel is visible: wake everything once loaded.
  window.addEventListener('load', function () {
    if (!document.querySelector('.locale-picker')) {
      pickerReady = true;
      wakeVisible();
    }
  });
})();
