; The match macro (written with syntax-rules in macros.scm).
(define (show . xs) (for-each display xs) (newline))
(define (classify x)
  (match x
    (0 'zero)
    ((? symbol?) 'symbol)
    ("hi" 'greeting)
    (#\a 'char-a)
    (#t 'true)
    ('() 'empty)
    ('(1 2) 'quoted-list)
    ((1 . rest) (list 'starts-with-1 rest))
    ((or (x 'tag) ('tag x)) (list 'tagged x))
    ((a b) (list 'two a b))
    ((a (b c) . _) (list 'nested a b c))
    (#(x y) (list 'vector2 x y))
    ((? (lambda (n) (and (fixnum? n) (> n 100))) n) (list 'big n))
    ((and (? fixnum?) n) (list 'fixnum n))
    ((not (? pair?)) 'other-atom)
    (_ 'something-else)))
(for-each
 (lambda (x) (show x " => " (classify x)))
 (list 0 'foo "hi" #\a #t '() '(1 2) '(1 5 6) '(3 4) '(3 (4 5) 6 7) (vector 8 9) 500 42
       '(7 tag) '(tag 8) #f '(1 2 3 4 5 6 x)))
; Pattern variables shadow, and bodies may define.
(define t 'outer)
(show (match '(1 2) ((t u) (define w (+ t u)) (list t w))))
(show t)
; The user's variable names do not clash with the macro's own (v, a, d, fail, next).
(show (match (list 'v 'a 'd) ((v a d) (list d a v))))
(show (let ((fail 'mine)) (match 3 (4 'no) (x (list x fail)))))
; A tree walk with match: sum of the leaves.
(define (leaves tree)
  (match tree
    (() 0)
    ((l . r) (+ (leaves l) (leaves r)))
    ((? fixnum? n) n)
    (_ 0)))
(show (leaves '(1 (2 3) ((4) 5) x)))
; Ellipsis at the end of a list pattern.
(define (shape x)
  (match x
    (('sum (? fixnum?) ...) 'sum-of-fixnums)
    (('list first rest ...) (list 'first first 'rest rest))
    ((_ ...) 'some-list)
    (_ 'not-a-list)))
(show (shape '(sum 1 2 3)) " " (shape '(sum 1 x)) " " (shape '(list 1 2 3)) " " (shape '(list))
      " " (shape '(a . b)))
(lambda (n . args) #t)
