; A program may define a procedure named like a library macro, or redefine its own macro.
(define (match a b) (list 'my-match a b))
(display (match 1 2)) (newline)
(define-syntax foo (syntax-rules () ((_) 'macro)))
(display (foo)) (newline)
(define (foo) 'procedure)
(display (foo)) (newline)
(lambda (n) #t)
