// woo-redact review report: filters, the reviewer's decisions and the decisions.json download.
// Runs offline from file://; touches nothing outside this page.
(function () {
  'use strict';
  var I18N = JSON.parse(document.getElementById('i18n').textContent);
  var BASE = JSON.parse(document.getElementById('decisions-data').textContent);
  var SCHEMA = 'woo-redact/decisions/1';
  // the reviewer's decisions made in this page
  var state = { finding: {}, area: {}, exempt: {}, term: {} };
  var stampOverride = null;
  // decisions survive a reload of the page (kept in this browser only, by run)
  var STORE = 'woo-redact-review:' + (document.body.getAttribute('data-run') || '');
  function save() {
    try { localStorage.setItem(STORE, JSON.stringify({ state: state, reviewer: $('#reviewer').value })); } catch (e) { /* storage off */ }
  }
  function restore() {
    var saved = null;
    try { saved = JSON.parse(localStorage.getItem(STORE) || 'null'); } catch (e) { saved = null; }
    if (!saved || !saved.state) { return; }
    if (saved.reviewer) { $('#reviewer').value = saved.reviewer; }
    Object.keys(state).forEach(function (kind) {
      var s = saved.state[kind] || {};
      Object.keys(s).forEach(function (target) {
        if ($('.acts' + attr('data-kind', kind) + attr('data-target', target))) {
          state[kind][target] = s[target];
          refresh(kind, target);
        }
      });
    });
  }

  function $(sel, root) { return (root || document).querySelector(sel); }
  function $$(sel, root) { return Array.prototype.slice.call((root || document).querySelectorAll(sel)); }
  function attr(name, value) { return '[' + name + '="' + CSS.escape(value) + '"]'; }
  function pad(n) { return (n < 10 ? '0' : '') + n; }
  function today() {
    if (stampOverride) { return stampOverride; }
    var d = new Date();
    return d.getFullYear() + '-' + pad(d.getMonth() + 1) + '-' + pad(d.getDate());
  }

  function describe(kind, s) {
    if (!s) { return ''; }
    if (kind === 'term') { return I18N[s]; }
    if (s.action === 'reject') { return kind === 'finding' ? I18N.reject : I18N.withdraw; }
    var parts = [];
    if (s.action === 'accept') { parts.push(I18N.accept); }
    if (s.ground) { parts.push(I18N.ground + ' ' + s.ground); }
    return parts.join(', ');
  }

  function refresh(kind, target) {
    var s = state[kind][target];
    $$('.acts' + attr('data-kind', kind) + attr('data-target', target)).forEach(function (acts) {
      $('.pending', acts).textContent = describe(kind, s);
      var row = acts.closest('tr');
      if (row) {
        ['dec-reject', 'dec-accept', 'dec-ground', 'dec-keep', 'dec-redact'].forEach(function (c) { row.classList.remove(c); });
        if (s) {
          if (kind === 'term') { row.classList.add('dec-' + s); }
          else if (s.action) { row.classList.add('dec-' + s.action); }
          else if (s.ground) { row.classList.add('dec-ground'); }
        }
      }
    });
    if (kind === 'finding') {
      $$('.f' + attr('data-finding-id', target)).forEach(function (m) {
        m.classList.toggle('dec-reject', !!s && s.action === 'reject');
        m.classList.toggle('dec-ground', !!s && !!s.ground && s.action !== 'reject');
      });
    }
    var n = 0;
    Object.keys(state).forEach(function (k) { n += Object.keys(state[k]).length; });
    $('#decision-count').textContent = String(n);
  }

  function act(button) {
    var acts = button.closest('.acts');
    var kind = acts.getAttribute('data-kind');
    var target = acts.getAttribute('data-target');
    var what = button.getAttribute('data-act');
    if (!target) { return; }
    var cur = state[kind][target];
    if (what === 'clear') {
      delete state[kind][target];
    } else if (kind === 'term') {
      state.term[target] = what;
    } else if (what === 'reject') {
      state[kind][target] = { action: 'reject' };
    } else if (what === 'accept') {
      state[kind][target] = { action: 'accept', ground: cur && cur.action !== 'reject' ? cur.ground : null };
    } else if (what === 'ground') {
      var g = $('.ground-select', acts).value;
      state[kind][target] = { action: cur && cur.action === 'accept' ? 'accept' : null, ground: g };
    }
    refresh(kind, target);
    save();
  }

  // The decisions file: decisions.json as the run wrote it (its term table unchanged), with the
  // decisions made here added to its `review` section (schema: src/decide/mod.rs). A decision made
  // here replaces an earlier one on the same finding or term.
  function buildDecisions() {
    var out = BASE ? JSON.parse(JSON.stringify(BASE)) : { schema: SCHEMA, terms: [] };
    var review = out.review || {};
    var sections = ['terms', 'occurrences', 'add_terms', 'areas', 'exempt'];
    sections.forEach(function (s) {
      (review[s] || []).forEach(function (d, i) { if (!d.decision_id) { d.decision_id = s + '.' + (i + 1); } });
    });
    var who = ($('#reviewer').value || '').trim();
    var at = today();
    function meta(d) { if (who) { d.reviewer = who; } d.at = at; return d; }
    // terms
    review.terms = (review.terms || []).filter(function (d) { return !(d.term in state.term); });
    Object.keys(state.term).sort().forEach(function (id) {
      review.terms.push(meta({ decision_id: 'report.' + id, term: id, decision: state.term[id] }));
    });
    // occurrences (audit redaction ids)
    review.occurrences = (review.occurrences || []).filter(function (d) { return !(d.occurrence in state.finding); });
    Object.keys(state.finding).sort().forEach(function (id) {
      var s = state.finding[id];
      var d = { decision_id: 'report.' + id, occurrence: id };
      if (s.action) { d.action = s.action; }
      if (s.ground && s.action !== 'reject') { d.ground = s.ground; }
      review.occurrences.push(meta(d));
    });
    // areas and exempted pages: withdraw the decision, or change its ground
    [['areas', 'area'], ['exempt', 'exempt']].forEach(function (p) {
      var sec = p[0], kind = p[1];
      review[sec] = (review[sec] || []).filter(function (d) {
        var s = state[kind][d.decision_id];
        return !(s && s.action === 'reject');
      });
      review[sec].forEach(function (d) {
        var s = state[kind][d.decision_id];
        if (s && s.ground) { d.ground = s.ground; meta(d); }
      });
    });
    // decision ids stay unique
    var seen = {};
    sections.forEach(function (s) {
      (review[s] || []).forEach(function (d) {
        var id = d.decision_id, k = 2;
        while (seen[id]) { id = d.decision_id + '-' + k; k += 1; }
        d.decision_id = id;
        seen[id] = true;
      });
      if (review[s] && review[s].length === 0) { delete review[s]; }
    });
    out.review = review;
    return JSON.stringify(out, null, 2) + '\n';
  }

  function download() {
    var blob = new Blob([buildDecisions()], { type: 'application/json' });
    var url = URL.createObjectURL(blob);
    var a = document.createElement('a');
    a.href = url;
    a.download = 'decisions.json';
    document.body.appendChild(a);
    a.click();
    setTimeout(function () { URL.revokeObjectURL(url); a.remove(); }, 1000);
  }

  function applyFilters() {
    var doc = $('#filter-doc').value, cat = $('#filter-cat').value, rule = $('#filter-rule').value;
    $$('section.doc').forEach(function (s) {
      s.classList.toggle('hidden', !!doc && s.getAttribute('data-doc') !== doc);
    });
    function match(el) {
      return (!cat || el.getAttribute('data-cat') === cat) && (!rule || el.getAttribute('data-rule') === rule);
    }
    $$('tr.frow').forEach(function (r) { r.classList.toggle('hidden', !match(r)); });
    $$('.f').forEach(function (m) { m.classList.toggle('dim', !match(m)); });
    $$('tr.trow').forEach(function (r) {
      var docs = (r.getAttribute('data-docs') || '').split('\u001f');
      r.classList.toggle('hidden', !!doc && docs.indexOf(doc) < 0);
    });
  }

  function flash(el) {
    if (!el) { return; }
    el.classList.add('hit');
    setTimeout(function () { el.classList.remove('hit'); }, 1500);
  }

  document.addEventListener('click', function (e) {
    var b = e.target.closest('.acts button');
    if (b) { act(b); return; }
    var m = e.target.closest('mark.f, span.f');
    if (m) {
      var sec = m.closest('section.doc');
      var row = sec && $('tr.frow' + attr('data-row', m.getAttribute('data-finding-id')), sec);
      if (row) { row.scrollIntoView({ block: 'center' }); flash(row); }
      return;
    }
    var a = e.target.closest('tr.frow a');
    if (a) { setTimeout(function () { flash(document.getElementById(a.getAttribute('href').slice(1))); }, 0); }
  });
  ['#filter-doc', '#filter-cat', '#filter-rule'].forEach(function (s) { $(s).addEventListener('change', applyFilters); });
  $('#download').addEventListener('click', download);
  $('#reviewer').addEventListener('change', save);

  // Self-test for scripts and tests: open with
  // #selftest&reject=ID&accept=ID&ground=ID:5.1.1d&keep=TERM&redact=TERM&withdraw=DECISION&reviewer=NAME&at=DATE
  // the buttons are clicked as a reviewer would, and the decisions file is written into #selftest.
  function selftest() {
    var h = location.hash;
    var out = $('#selftest');
    var errors = [];
    h.slice(1).split('&').slice(1).forEach(function (kv) {
      var i = kv.indexOf('=');
      var k = decodeURIComponent(kv.slice(0, i)), v = decodeURIComponent(kv.slice(i + 1));
      if (k === 'reviewer') { $('#reviewer').value = v; return; }
      if (k === 'at') { stampOverride = v; return; }
      var kind = { reject: 'finding', accept: 'finding', ground: 'finding', keep: 'term', redact: 'term' }[k];
      var target = v, g = null;
      if (k === 'ground') { var j = v.lastIndexOf(':'); target = v.slice(0, j); g = v.slice(j + 1); }
      if (k === 'withdraw') {
        var acts0 = $('.acts' + attr('data-target', v) + ':not([data-kind="finding"]):not([data-kind="term"])');
        if (!acts0) { errors.push('no decision ' + v); return; }
        $('button[data-act="reject"]', acts0).click();
        return;
      }
      if (!kind) { errors.push('unknown key ' + k); return; }
      var acts = $('.acts' + attr('data-kind', kind) + attr('data-target', target));
      if (!acts) { errors.push('no ' + kind + ' ' + target); return; }
      if (g) { $('.ground-select', acts).value = g; }
      $('button' + attr('data-act', k), acts).click();
    });
    out.textContent = errors.length ? 'SELFTEST ERROR: ' + errors.join('; ') : buildDecisions();
    out.hidden = false;
  }
  if (location.hash.indexOf('#selftest') === 0) { selftest(); } else { restore(); }
})();
