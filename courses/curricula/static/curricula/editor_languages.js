/*
 * Page editors with the language chooser (courses/curricula/panels.py) contain only
 * English and the languages the author chose, so all of them are shown:
 * wagtail-modeltranslation's show/hide toggles are removed, and the panels they hid
 * are shown again.
 */
(function () {
  'use strict';

  function showChosenLanguages() {
    var form = document.querySelector('form[data-edit-form]');
    if (!form || !form.querySelector('[data-pdo-editor-languages]')) return;
    form.querySelectorAll('.locale-picker').forEach(function (picker) {
      picker.remove();
    });
    form.querySelectorAll('.l10n-hidden').forEach(function (element) {
      element.classList.remove('l10n-hidden');
    });
  }

  // The toggles are built right after this event, in the same task.
  document.addEventListener('wagtail-modeltranslation:buildSets:done', function () {
    window.setTimeout(showChosenLanguages, 0);
  });
})();
