// Definitions of the glossary terms marked on a page (language/glossary.py), read in place.
// WCAG 1.4.13: a definition opens on hover, focus and tap, stays open while the pointer is over
// the term or the definition, and Esc closes it without moving the pointer or the focus.
// Without this script the term is a link to its entry on the glossary page; a second tap (or a
// click with a mouse) still follows that link.
(() => {
    const terms = [...document.querySelectorAll(".term")];
    if (!terms.length) return;
    const state = new Map(); // term -> {hover, focus, touched, wasOpen}
    const defOf = (term) => term.querySelector(".term__def");
    const isOpen = (term) => !defOf(term).hidden;

    const place = (def) => {
        // Keep the definition inside the window: shift it left, or open it above the term.
        def.style.insetInlineStart = "";
        def.classList.remove("term__def--above");
        const margin = 8;
        const rect = def.getBoundingClientRect();
        const width = document.documentElement.clientWidth;
        if (rect.right > width - margin) def.style.insetInlineStart = `${Math.min(0, width - margin - rect.right)}px`;
        const after = def.getBoundingClientRect();
        if (after.left < margin) def.style.insetInlineStart = `${margin - after.left + (parseFloat(def.style.insetInlineStart) || 0)}px`;
        if (after.bottom > window.innerHeight && rect.height < def.parentElement.getBoundingClientRect().top) {
            def.classList.add("term__def--above");
        }
    };
    const open = (term) => {
        for (const other of terms) if (other !== term && isOpen(other)) close(other);
        const def = defOf(term);
        if (def.hidden) {
            def.hidden = false;
            term.classList.add("term--open");
            place(def);
        }
    };
    const close = (term) => {
        const s = state.get(term);
        s.hover = s.focus = s.touched = false;
        defOf(term).hidden = true;
        term.classList.remove("term--open");
    };
    const update = (term) => {
        const s = state.get(term);
        if (s.hover || s.focus || s.touched) open(term);
        else if (isOpen(term)) close(term);
    };

    for (const term of terms) {
        state.set(term, { hover: false, focus: false, touched: false, wasOpen: false });
        const s = state.get(term);
        const link = term.querySelector(".term__link");
        let leaving;
        // Hover (a mouse): the definition is inside .term, so moving onto it keeps it open.
        term.addEventListener("pointerenter", (event) => {
            if (event.pointerType !== "mouse") return;
            clearTimeout(leaving);
            s.hover = true;
            update(term);
        });
        term.addEventListener("pointerleave", (event) => {
            if (event.pointerType !== "mouse") return;
            leaving = setTimeout(() => {
                s.hover = false;
                update(term);
            }, 300);
        });
        term.addEventListener("focusin", () => {
            s.focus = true;
            update(term);
        });
        term.addEventListener("focusout", (event) => {
            if (term.contains(event.relatedTarget)) return;
            s.focus = false;
            update(term);
        });
        // Tap: the first tap opens the definition, a tap on the open term follows the link.
        link.addEventListener("pointerdown", (event) => {
            s.wasOpen = event.pointerType !== "mouse" && isOpen(term) && s.touched;
        });
        link.addEventListener("click", (event) => {
            // A mouse click and the keyboard's Enter (pointerType "") follow the link at once.
            if (!["touch", "pen"].includes(event.pointerType) || s.wasOpen) return;
            event.preventDefault();
            s.touched = true;
            update(term);
        });
    }
    // Esc closes whatever is open; a tap elsewhere closes a tapped definition.
    document.addEventListener("keydown", (event) => {
        if (event.key !== "Escape") return;
        for (const term of terms) if (isOpen(term)) close(term);
    });
    document.addEventListener("pointerdown", (event) => {
        for (const term of terms) if (isOpen(term) && !term.contains(event.target)) close(term);
    });
    window.addEventListener("resize", () => {
        for (const term of terms) if (isOpen(term)) place(defOf(term));
    });
})();
