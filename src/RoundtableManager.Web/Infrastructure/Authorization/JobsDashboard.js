// Roundtable Manager: names for the job checkboxes Hangfire's dashboard renders without labels (WCAG 2.2 AA, 1.3.1
// and 4.1.2), so a screen reader says what each one selects. Appended to Hangfire's own script bundle.
(function () {
    'use strict';
    function name(box) {
        if (box.hasAttribute('aria-label') || (box.labels && box.labels.length > 0)) {
            return;
        }
        if (box.classList.contains('js-jobs-list-select-all')) {
            box.setAttribute('aria-label', 'Select all jobs on this page');
        } else if (box.value) {
            box.setAttribute('aria-label', 'Select job ' + box.value);
        }
    }
    function nameAll() {
        document.querySelectorAll('input[type="checkbox"]').forEach(name);
    }
    if (document.readyState === 'loading') {
        document.addEventListener('DOMContentLoaded', nameAll);
    } else {
        nameAll();
    }
}());
