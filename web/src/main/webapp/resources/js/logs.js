/* The log search page: the browser's time zone goes with the search, for the "from" and "until" times. */
document.addEventListener('DOMContentLoaded', function () {
    var zone = document.getElementById('search:zone');
    if (zone && !zone.value && window.Intl) {
        zone.value = Intl.DateTimeFormat().resolvedOptions().timeZone || '';
    }
});
