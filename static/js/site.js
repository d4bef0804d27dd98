// The site works without this script; it only fills two gaps some browsers leave.
(() => {
    // 1. A link to a question (/faq/#faq-cost) opens its answer, also in browsers that do not
    //    expand <details> for a fragment themselves, and when the fragment changes on the page.
    const openTarget = () => {
        const id = decodeURIComponent(location.hash.slice(1));
        const target = id && document.getElementById(id);
        const details = target && target.closest("details");
        if (details && !details.open) details.open = true;
    };
    // 2. Wide screens show the menu's content in place with CSS (::details-content); where a browser
    //    cannot, the menu is opened instead, so the full navigation is visible there too.
    const wide = window.matchMedia("(min-width: 64rem)");
    const menu = document.querySelector("[data-menu]");
    const inPlace = CSS.supports && CSS.supports("selector(::details-content)");
    const fitMenu = () => {
        if (menu && !inPlace && wide.matches) menu.open = true;
    };
    const start = () => {
        openTarget();
        fitMenu();
    };
    window.addEventListener("hashchange", openTarget);
    wide.addEventListener("change", fitMenu);
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
    else start();
})();
