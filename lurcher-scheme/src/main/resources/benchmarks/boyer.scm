;;; Boyer: a Boyer-style term-rewriting tautology prover (after the Boyer-Moore benchmark in
;;; Gabriel's suite; our own lemmas and code). Terms are lists (f arg ...) or symbols (variables).
;;; Lemmas (equal lhs rhs) are indexed by the function symbol of lhs; a term is rewritten inside
;;; out, trying each lemma of its head symbol by one-way unification. The rewritten theorem, in
;;; if-normal form, is checked for tautology by case splitting with lists of assumptions.
;;; The theorem is a chain of implications whose propositions are substituted by terms that the
;;; lemmas rewrite further; SCALE wraps each substituted term t in SCALE levels of
;;; (f (append t (append t (nil)))), so each level doubles the rewriting and comparing work.
;;; Usage: NTHREADS SCALE REPEAT [LINKS, 1 to 4, default 4]. Prints
;;; "boyer SCALE tautology #t rewrites R" (R: lemma applications in the last proof).

(define lemmas
  '((equal (and p q) (if p (if q (t) (f)) (f)))
    (equal (or p q) (if p (t) (if q (t) (f))))
    (equal (not p) (if p (f) (t)))
    (equal (implies p q) (if p (if q (t) (f)) (t)))
    (equal (iff p q) (and (implies p q) (implies q p)))
    (equal (if (if a b c) d e) (if a (if b d e) (if c d e)))
    (equal (plus (plus x y) z) (plus x (plus y z)))
    (equal (plus x (zero)) (fix x))
    (equal (times x (plus y z)) (plus (times x y) (times x z)))
    (equal (times (times x y) z) (times x (times y z)))
    (equal (times x (zero)) (zero))
    (equal (difference x x) (zero))
    (equal (difference (plus x y) x) (fix y))
    (equal (append (append x y) z) (append x (append y z)))
    (equal (append x (nil)) (fix-list x))
    (equal (reverse (append a b)) (append (reverse b) (reverse a)))
    (equal (reverse (nil)) (nil))
    (equal (length (reverse x)) (length x))
    (equal (length (append a b)) (plus (length a) (length b)))
    (equal (member x (append a b)) (or (member x a) (member x b)))
    (equal (member x (reverse y)) (member x y))
    (equal (equal (plus a b) (plus a c)) (equal (fix b) (fix c)))
    (equal (equal (zero) (plus a b)) (and (zerop a) (zerop b)))
    (equal (lessp (remainder x y) y) (not (zerop y)))
    (equal (remainder x (one)) (zero))
    (equal (greaterp x y) (lessp y x))
    (equal (lesseqp x y) (not (lessp y x)))
    (equal (greatereqp x y) (not (lessp x y)))
    (equal (zerop x) (equal (fix x) (zero)))
    (equal (fix (fix x)) (fix x))
    (equal (exp i (plus j k)) (times (exp i j) (exp i k)))
    (equal (exp i (zero)) (one))
    (equal (eqp x y) (equal (fix x) (fix y)))))

;; The lemma index: an association list from function symbol to its lemmas, in order.
(define index '())

(define (add-lemma! lemma)
  (match lemma
    (('equal (and lhs (head . _)) rhs)
     (let ((entry (assq head index)))
       (if entry
           (set-cdr! entry (append (cdr entry) (list (cons lhs rhs))))
           (set! index (cons (list head (cons lhs rhs)) index)))))
    (_ (error "boyer: bad lemma" lemma))))

(define (lemmas-for head)
  (let ((entry (assq head index))) (if entry (cdr entry) '())))

;; One-way unification of term against pattern, extending subst (an alist); #f if none.
(define (unify term pattern subst)
  (cond ((not subst) #f)
        ((symbol? pattern)
         (let ((binding (assq pattern subst)))
           (cond ((not binding) (cons (cons pattern term) subst))
                 ((equal? (cdr binding) term) subst)
                 (else #f))))
        ((pair? term)
         (and (eq? (car term) (car pattern))
              (unify-args (cdr term) (cdr pattern) subst)))
        (else #f)))

(define (unify-args terms patterns subst)
  (cond ((not subst) #f)
        ((null? terms) (and (null? patterns) subst))
        ((null? patterns) #f)
        (else (unify-args (cdr terms) (cdr patterns) (unify (car terms) (car patterns) subst)))))

(define (substitute subst term)
  (cond ((symbol? term) (let ((b (assq term subst))) (if b (cdr b) term)))
        (else (cons (car term) (map (lambda (t) (substitute subst t)) (cdr term))))))

(define rewrites 0)

(define (rewrite term)
  (if (symbol? term)
      term
      (rewrite-with (cons (car term) (map rewrite (cdr term))) (lemmas-for (car term)))))

(define (rewrite-with term lemmas)
  (if (null? lemmas)
      term
      (let ((subst (unify term (caar lemmas) '())))
        (if subst
            (begin
              (set! rewrites (+ rewrites 1))
              (rewrite (substitute subst (cdar lemmas))))
            (rewrite-with term (cdr lemmas))))))

(define (truep x assumed) (or (equal? x '(t)) (member x assumed)))
(define (falsep x assumed) (or (equal? x '(f)) (member x assumed)))

(define (tautology? x true false)
  (cond ((truep x true) #t)
        ((falsep x false) #f)
        (else
         (match x
           (('if a b c)
            (cond ((truep a true) (tautology? b true false))
                  ((falsep a false) (tautology? c true false))
                  (else (and (tautology? b (cons a true) false)
                             (tautology? c true (cons a false))))))
           (_ #f)))))

;; The theorem: a chain of LINKS implications among the first LINKS+1 of x y z u w implies that
;; the first implies the last. With 4 links: (implies (and (implies x y) (and (implies y z)
;; (and (implies z u) (implies u w)))) (implies x w)).
(define (theorem links)
  (let* ((props (list-head '(x y z u w) (+ links 1)))
         (steps (let loop ((ps props))
                  (if (null? (cddr ps))
                      (list 'implies (car ps) (cadr ps))
                      (list 'and (list 'implies (car ps) (cadr ps)) (loop (cdr ps)))))))
    (list 'implies steps (list 'implies (car props) (list-ref props links)))))

(define (list-head l k) (if (= k 0) '() (cons (car l) (list-head (cdr l) (- k 1)))))

(define substitutions
  '((x f (plus (plus a b) (plus c (zero))))
    (y f (times (times a b) (plus c d)))
    (z f (reverse (append (append a b) (nil))))
    (u equal (plus a b) (difference x y))
    (w lessp (remainder a b) (member a (length b)))))

(define (scaled term n)
  (if (= n 0) term (scaled (list 'f (list 'append term (list 'append term '(nil)))) (- n 1))))

(define (prove scale links)
  (let ((subst (map (lambda (s) (cons (car s) (scaled (cdr s) scale))) substitutions)))
    (set! rewrites 0)
    (tautology? (rewrite (substitute subst (theorem links))) '() '())))

(lambda (nthreads scale repeat . opt-links)
  (for-each add-lemma! lemmas)
  (let loop ((k 0) (result #f))
    (if (< k repeat)
        (loop (+ k 1) (prove scale (if (pair? opt-links) (car opt-links) 4)))
        (begin
          (display "boyer ") (display scale) (display " tautology ") (display result)
          (display " rewrites ") (display rewrites) (newline)))))
