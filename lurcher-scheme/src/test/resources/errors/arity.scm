(define (two a b) a)
(two 1)
(lambda (n) #t)
