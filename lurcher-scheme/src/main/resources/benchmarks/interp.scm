;;; A closure-compiling interpreter: a small Scheme (constants, variables, if, lambda with fixed
;;; arity, let, application, define at toplevel, and primitives + - < =) is compiled to a tree of
;;; Scheme closures, once, then run. Environments are chains of vectors (a frame per lambda, slot
;;; 0 the parent); variables are resolved to (depth, index) at compile time. It runs fib.
;;; Usage: NTHREADS N. Prints "interp fib(N) = F".

(define-record-type global (make-global name value) global?
  (name global-name) (value global-value set-global-value!))

(define globals '())
(define (global-cell name)
  (cond ((assq name globals) => cdr)
        (else (let ((g (make-global name #f)))
                (set! globals (cons (cons name g) globals))
                g))))

;; scope: a list of frames, each a list of names.
(define (lookup name scope)
  (let outer ((scope scope) (depth 0))
    (if (null? scope)
        #f
        (let inner ((names (car scope)) (i 1))
          (cond ((null? names) (outer (cdr scope) (+ depth 1)))
                ((eq? (car names) name) (cons depth i))
                (else (inner (cdr names) (+ i 1))))))))

(define (frame-at env depth) (if (= depth 0) env (frame-at (vector-ref env 0) (- depth 1))))

(define (compile-ref name scope)
  (match (lookup name scope)
    (#f (let ((g (global-cell name))) (lambda (env) (global-value g))))
    ((0 . i) (lambda (env) (vector-ref env i)))
    ((1 . i) (lambda (env) (vector-ref (vector-ref env 0) i)))
    ((d . i) (lambda (env) (vector-ref (frame-at env d) i)))))

(define (compile-prim op a b)
  (match op
    ('+ (lambda (env) (+ (a env) (b env))))
    ('- (lambda (env) (- (a env) (b env))))
    ('< (lambda (env) (< (a env) (b env))))
    ('= (lambda (env) (= (a env) (b env))))))

(define (compile-args args scope) (map (lambda (a) (compile a scope)) args))

(define (make-procedure nparams body env) (vector 'closure nparams body env))

(define (apply-procedure f args)
  (unless (and (vector? f) (eq? (vector-ref f 0) 'closure)) (error "interp: not a procedure" f))
  (let ((frame (make-vector (+ (vector-ref f 1) 1) #f)))
    (vector-set! frame 0 (vector-ref f 3))
    (let loop ((args args) (i 1))
      (if (pair? args)
          (begin (vector-set! frame i (car args)) (loop (cdr args) (+ i 1)))
          (begin
            (unless (= i (vector-length frame)) (error "interp: wrong number of arguments"))
            ((vector-ref f 2) frame))))))

(define (compile x scope)
  (match x
    ((? symbol?) (compile-ref x scope))
    ((or (? fixnum?) (? boolean?)) (lambda (env) x))
    (('quote d) (lambda (env) d))
    (('if c t e)
     (let ((c (compile c scope)) (t (compile t scope)) (e (compile e scope)))
       (lambda (env) (if (c env) (t env) (e env)))))
    (('lambda params body)
     (let ((body (compile body (cons params scope))) (n (length params)))
       (lambda (env) (make-procedure n body env))))
    (((and op (or '+ '- '< '=)) a b)
     (compile-prim op (compile a scope) (compile b scope)))
    ((f a)
     (let ((f (compile f scope)) (a (compile a scope)))
       (lambda (env) (apply-procedure (f env) (list (a env))))))
    ((f . args)
     (let ((f (compile f scope)) (args (compile-args args scope)))
       (lambda (env) (apply-procedure (f env) (map (lambda (a) (a env)) args)))))))

(define (run-toplevel form)
  (match form
    (('define name value)
     (set-global-value! (global-cell name) ((compile value '()) #f)))
    (_ ((compile form '()) #f))))

(define program
  '((define fib (lambda (n) (if (< n 2) n (+ (fib (- n 1)) (fib (- n 2))))))))

(lambda (nthreads n)
  (for-each run-toplevel program)
  (display "interp fib(") (display n) (display ") = ")
  (display (run-toplevel (list 'fib n))) (newline))
