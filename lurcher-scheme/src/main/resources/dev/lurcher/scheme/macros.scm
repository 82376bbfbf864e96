;;; Library macros: every program (and the prelude) sees these syntax-rules definitions.

;; (match expr (pattern body ...) ...): the first clause whose pattern matches the value of expr
;; runs its body with the pattern's variables bound. Patterns: _ (anything), a pattern variable
;; (anything, bound), a literal (number, string, character, boolean: equal?), (quote datum)
;; (equal?), (? pred pattern ...) (pred holds and the patterns match), (and pattern ...),
;; (or pattern ...), (not pattern), (pattern . pattern) (a pair), () and #(pattern ...) (a vector),
;; and (pattern ...) at the end of a list pattern: a proper list whose elements all match (a
;; variable there is bound to the list; the variables of a compound pattern there are not bound).
;; No clause matching is an error.
(define-syntax match
  (syntax-rules ()
    ((_ e clause ...) (let ((v e)) (%match-clauses v clause ...)))))

(define-syntax %match-clauses
  (syntax-rules ()
    ((_ v) (error "match: no clause matches" v))
    ((_ v (pat body ...) clause ...)
     (let ((fail (lambda () (%match-clauses v clause ...))))
       (%match-pat v pat (let () body ...) (fail))))))

;; (%match-pat v pattern success failure): success (in the scope of the pattern's variables) if
;; the value of the variable v matches, else failure. Both are expressions.
(define-syntax %match-pat
  (syntax-rules ::: (_ quote ? and or not ...)
    ((_ v _ sk fk) sk)
    ((_ v (quote d) sk fk) (if (equal? v (quote d)) sk fk))
    ((_ v (? pred) sk fk) (if (pred v) sk fk))
    ((_ v (? pred p :::) sk fk) (if (pred v) (%match-pat v (and p :::) sk fk) fk))
    ((_ v (and) sk fk) sk)
    ((_ v (and p q :::) sk fk) (%match-pat v p (%match-pat v (and q :::) sk fk) fk))
    ((_ v (or) sk fk) fk)
    ((_ v (or p q :::) sk fk)
     (let ((next (lambda () (%match-pat v (or q :::) sk fk))))
       (%match-pat v p sk (next))))
    ((_ v (not p) sk fk) (%match-pat v p fk sk))
    ((_ v (p ...) sk fk) (%match-list v p sk fk))
    ((_ v (p . q) sk fk)
     (if (pair? v)
         (let ((a (car v)) (d (cdr v)))
           (%match-pat a p (%match-pat d q sk fk) fk))
         fk))
    ((_ v () sk fk) (if (null? v) sk fk))
    ((_ v #(p :::) sk fk)
     (if (vector? v)
         (let ((l (vector->list v))) (%match-pat l (p :::) sk fk))
         fk))
    ((_ v x sk fk) (%if-identifier x (let ((x v)) sk) (if (equal? v (quote x)) sk fk)))))

;; (%match-list v p success failure): v is a proper list whose elements all match p. A variable p
;; is bound to the whole list; the variables of a compound p are not bound.
(define-syntax %match-list
  (syntax-rules (_)
    ((_ v _ sk fk) (if (list? v) sk fk))
    ((_ v p sk fk)
     (%if-identifier
      p
      (if (list? v) (let ((p v)) sk) fk)
      (let loop ((l v))
        (cond ((null? l) sk)
              ((pair? l) (let ((x (car l))) (%match-pat x p (loop (cdr l)) fk)))
              (else fk)))))))

;; (%if-identifier x then else): then if x is an identifier, else otherwise.
(define-syntax %if-identifier
  (syntax-rules ()
    ((_ (a . b) sk fk) fk)
    ((_ #(a ...) sk fk) fk)
    ((_ atom sk fk)
     (let-syntax ((test (syntax-rules () ((_ atom t f) t) ((_ other t f) f))))
       (test probe sk fk)))))
