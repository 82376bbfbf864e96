; Hygienic macros: define-syntax, let-syntax, letrec-syntax, syntax-rules, define-syntax-rule.
(define (show . xs) (for-each display xs) (newline))

; swap! introduces tmp: a user variable named tmp is not captured.
(define-syntax swap!
  (syntax-rules ()
    ((_ a b) (let ((tmp a)) (set! a b) (set! b tmp)))))
(let ((tmp 1) (other 2))
  (swap! tmp other)
  (show "swap: " tmp " " other))

; my-or binds t: the user's t is not captured, and a user binding of if does not break it.
(define-syntax my-or
  (syntax-rules ()
    ((_) #f)
    ((_ e) e)
    ((_ e r ...) (let ((t e)) (if t t (my-or r ...))))))
(define t 5)
(show "my-or: " (my-or #f t) " " (let ((t 7)) (my-or #f t)) " " (my-or))
(show "my-or shadowed if: " (let ((if list)) (my-or #f 'x)))

; Free identifiers in a template mean what they meant at the macro's definition.
(define (helper x) (* x 10))
(define-syntax call-helper (syntax-rules () ((_ v) (helper v))))
(show "free: " (let ((helper (lambda (x) 'wrong))) (call-helper 4)))

; Recursive macros and literals.
(define-syntax my-cond
  (syntax-rules (else)
    ((_) #f)
    ((_ (else e ...)) (begin e ...))
    ((_ (c e ...) clause ...) (if c (begin e ...) (my-cond clause ...)))))
(show "my-cond: " (my-cond (#f 1) ((= 1 2) 2) (else 3)) " "
      (let loop ((i 0) (acc '()))
        (my-cond ((= i 3) (reverse acc)) (else (loop (+ i 1) (cons i acc))))))
; A local binding named else is not the literal else.
(show "literal: " (let ((else #f)) (my-cond (else 'bound-else) (#t 'fell-through))))

; Nested ellipses.
(define-syntax my-let*
  (syntax-rules ()
    ((_ () body ...) (let () body ...))
    ((_ ((x v) rest ...) body ...) (let ((x v)) (my-let* (rest ...) body ...)))))
(show "my-let*: " (my-let* ((a 1) (b (+ a 1)) (c (* b 3))) (list a b c)))
(define-syntax flatten
  (syntax-rules () ((_ (a ...) ...) '(a ... ...))))
(show "flatten: " (flatten (1 2) () (3 4 5)))
(define-syntax pairs
  (syntax-rules () ((_ (k v ...) ...) (list (cons 'k (list v ...)) ...))))
(show "nested: " (pairs (a 1 2) (b) (c 3)))

; Ellipsis followed by more patterns, dotted tails, vectors in patterns, _.
(define-syntax last-of
  (syntax-rules () ((_ x ... y) 'y)))
(show "last-of: " (last-of 1 2 3))
(define-syntax tail-of
  (syntax-rules () ((_ a . rest) 'rest)))
(show "tail-of: " (tail-of 1 2 3))
(define-syntax vec-sum
  (syntax-rules () ((_ #(x ...) _) (+ x ...))))
(show "vector pattern: " (vec-sum #(1 2 3) ignored))
(define-syntax make-vec
  (syntax-rules () ((_ x ...) #(x ... end))))
(show "vector template: " (make-vec 1 2))

; Macros expanding to definitions, at toplevel and in bodies.
(define-syntax define-getter
  (syntax-rules () ((_ name value) (define (name) value))))
(define-getter get-five 5)
(show "toplevel define: " (get-five))
(define (body-test)
  (define-getter get-six 6)
  (define-syntax twice (syntax-rules () ((_ e) (begin e e))))
  (define n 0)
  (twice (set! n (+ n 1)))
  (list (get-six) n))
(show "body define: " (body-test))
(define-syntax define-two
  (syntax-rules () ((_ a b v) (begin (define a v) (define b v)))))
(define-two two-a two-b 2)
(show "begin of defines: " two-a two-b)

; A macro-introduced toplevel helper binding does not capture the user's.
(define-syntax with-counter
  (syntax-rules ()
    ((_ body) (let ((count 0)) (let ((r body)) (set! count (+ count 1)) (list r count))))))
(define count 100)
(show "hygiene: " (with-counter count))

; let-syntax and letrec-syntax.
(show "let-syntax: "
      (let ((x 'outer))
        (let-syntax ((get-x (syntax-rules () ((_) x))))
          (let ((x 'inner))
            (get-x)))))
(show "letrec-syntax: "
      (letrec-syntax ((ev? (syntax-rules () ((_) #t) ((_ x . r) (od? . r))))
                      (od? (syntax-rules () ((_) #f) ((_ x . r) (ev? . r)))))
        (list (ev? 1 2 3 4) (od? 1 2 3))))
(show "let-syntax shadowing: "
      (let-syntax ((if (syntax-rules () ((_ a b c) (list 'my-if a b c)))))
        (if 1 2 3)))

; define-syntax-rule, quoting inside templates, and a macro defining a macro.
(define-syntax-rule (unless2 c body ...) (if c #f (begin body ...)))
(show "define-syntax-rule: " (unless2 #f 'ran) " " (unless2 #t 'ran))
(define-syntax-rule (quoted x) '(x tmp))
(show "quote: " (quoted 1))
(define-syntax def-const-macro
  (syntax-rules ()
    ((_ name v) (define-syntax name (syntax-rules () ((_) v))))))
(def-const-macro forty-two 42)
(show "macro-defining macro: " (forty-two))
(define-syntax my-list-of
  (syntax-rules ()
    ((_ name) (define-syntax name (syntax-rules () ((_ args (... ...)) (list args (... ...))))))))
(my-list-of lst)
(show "escaped ellipsis: " (lst 1 2 3))
(define-syntax my-ellipsis
  (syntax-rules ::: () ((_ x :::) (list x ::: 'done))))
(show "custom ellipsis: " (my-ellipsis 1 2))

; A loop macro whose body refers to a user variable named like its own loop variable.
(define-syntax repeat
  (syntax-rules ()
    ((_ n body ...) (let loop ((i 0)) (when (< i n) body ... (loop (+ i 1)))))))
(let ((i 10) (acc '()))
  (repeat 3 (set! acc (cons i acc)))
  (show "repeat: " acc))

;; Templates using derived forms whose keywords (else, =>) the user shadows at the use site.
(define-syntax classify
  (syntax-rules ()
    ((_ e) (let ((v e))
             (cond ((assv v '((1 . one))) => cdr)
                   (else (case v ((2) 'two) (else 'many))))))))
(show "derived forms: " (let ((else #f) (=> #f)) (list (classify 1) (classify 2) (classify 3))))
(define-syntax sum-to
  (syntax-rules ()
    ((_ n) (do ((i 0 (+ i 1)) (s 0 (+ s i))) ((> i n) s)))))
(show "do: " (let ((i 100) (s 200)) (list (sum-to 4) i s)))
;; A recursive macro that counts its arguments at expansion time.
(define-syntax count-args
  (syntax-rules () ((_) 0) ((_ x . rest) (+ 1 (count-args . rest)))))
(show "count-args: " (count-args a b c d))
;; A macro-introduced lambda parameter and a quasiquote in a template.
(define-syntax make-adder
  (syntax-rules () ((_ k) (lambda (x) `(sum ,(+ x k))))))
(show "quasiquote: " (let ((x 1000)) ((make-adder x) 1)))
;; A toplevel helper definition introduced by a macro gets a fresh name: the user's global of the
;; same name is untouched, and the macro's own references see the helper.
(define hits 'user-hits)
(define-syntax define-counter
  (syntax-rules ()
    ((_ name) (begin (define hits 0) (define (name) (set! hits (+ hits 1)) hits)))))
(define-counter tick)
(tick)
(show "toplevel hygiene: " (tick) " " hits)
(lambda (n . args) #t)
