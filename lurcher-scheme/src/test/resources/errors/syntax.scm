(define x 1)
(display x)
(foo (bar "baz" #\bad))
