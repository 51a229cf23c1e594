"""The NumPy MLP engine: every number nnviz shows is computed and recorded here."""

from nnviz.engine.activations import ACTIVATIONS, Activation, get_activation, sigmoid, softmax
from nnviz.engine.init import random_network
from nnviz.engine.losses import LOSSES, Loss, Top, get_loss
from nnviz.engine.network import Dense, Network
from nnviz.engine.sklearn import from_sklearn
from nnviz.engine.spec import builtin_networks, load_network, network_from_dict, save_network
from nnviz.engine.stacked import Stacked
from nnviz.engine.trace import LayerTrace, Trace
from nnviz.engine.train import History, train

__all__ = ["ACTIVATIONS", "LOSSES", "Activation", "Dense", "History", "LayerTrace", "Loss",
           "Network", "Stacked", "Top", "Trace", "builtin_networks", "from_sklearn", "get_activation",
           "get_loss", "load_network", "network_from_dict", "random_network", "save_network", "sigmoid",
           "softmax", "train"]
