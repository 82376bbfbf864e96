(define-syntax two-args (syntax-rules () ((_ a b) (list a b))))
(display (two-args 1 2))
(two-args 1)
(lambda (n) #t)
