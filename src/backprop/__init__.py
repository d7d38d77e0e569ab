"""backprop: multi-layer networks and their backpropagation in NumPy.

Examples are columns everywhere: a batch of ``m`` inputs is an
``(n_0, m)`` matrix, so ``W @ A + b`` is the book's ``W a + b``.
"""

from .activations import (
    Activation,
    Identity,
    ReLU,
    Sigmoid,
    Softmax,
    Tanh,
    get_activation,
    log_softmax,
    sigmoid,
    softmax,
)
from .costs import Cost, CrossEntropy, Quadratic, get_cost
from .datasets import Labelled, Split, digits, iris, line, one_hot, stratified_split, two_moons, xor
from .gradcheck import check_gradients, relative_error
from .jacobians import Affine, Chain, Elementwise, jvp, numerical_gradient, numerical_jacobian, vjp
from .measure import best_time, loglog_fit, loglog_slope
from .metrics import accuracy, confusion_matrix
from .network import ForwardPass, Gradients, Network
from .perceptron import Perceptron
from .plotting import (
    plot_confusion_matrix,
    plot_contour,
    plot_decision_boundary,
    plot_digits,
    plot_history,
    plot_loglog,
    plot_surface,
)
from .training import History, sgd

__version__ = "0.1.0"

__all__ = [
    # the perceptron
    "Perceptron",
    # network
    "Network",
    "ForwardPass",
    "Gradients",
    # building blocks
    "Activation",
    "Sigmoid",
    "Tanh",
    "ReLU",
    "Identity",
    "Softmax",
    "sigmoid",
    "softmax",
    "log_softmax",
    "get_activation",
    "Cost",
    "Quadratic",
    "CrossEntropy",
    "get_cost",
    # Jacobians, JVPs, VJPs and their numerical checks
    "Affine",
    "Elementwise",
    "Chain",
    "vjp",
    "jvp",
    "numerical_jacobian",
    "numerical_gradient",
    "check_gradients",
    "relative_error",
    # training and scoring
    "sgd",
    "History",
    "accuracy",
    "confusion_matrix",
    # data
    "xor",
    "two_moons",
    "line",
    "one_hot",
    "digits",
    "iris",
    "stratified_split",
    "Split",
    "Labelled",
    # measuring and plotting
    "best_time",
    "loglog_fit",
    "loglog_slope",
    "plot_surface",
    "plot_contour",
    "plot_loglog",
    "plot_history",
    "plot_decision_boundary",
    "plot_confusion_matrix",
    "plot_digits",
]


def _documented_under_the_package_name():
    # Users write bp.Network, not backprop.network.Network: make reprs, the
    # API reference and its "Bases:" lines say where the names are imported
    # from.  (The modules stay the place each name is defined.)
    for name in __all__:
        obj = globals()[name]
        if getattr(obj, "__module__", "").startswith(__name__ + "."):
            obj.__module__ = __name__


_documented_under_the_package_name()

