import java.util.Collection;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.common.Node;

/**
 * Readiness probe for infra.sh: an open port is not enough, the broker must
 * answer metadata requests (it stays fenced until it has caught up with the
 * controller). Retries inside one JVM until the deadline.
 *
 * Usage: KafkaReady BOOTSTRAP TIMEOUT_SECONDS
 */
public final class KafkaReady {
    public static void main(String[] args) throws InterruptedException {
        String bootstrap = args[0];
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(Long.parseLong(args[1]));

        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3000);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000);
        props.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1000);

        Exception last = null;
        try (Admin admin = Admin.create(props)) {
            while (System.nanoTime() < deadline) {
                try {
                    DescribeClusterResult cluster = admin.describeCluster();
                    Collection<Node> nodes = cluster.nodes().get(5, TimeUnit.SECONDS);
                    String clusterId = cluster.clusterId().get(5, TimeUnit.SECONDS);
                    Set<String> topics = admin.listTopics(new ListTopicsOptions().listInternal(true))
                            .names().get(5, TimeUnit.SECONDS);
                    System.out.printf("cluster %s, %d broker(s), %d topic(s)%n",
                            clusterId, nodes.size(), topics.size());
                    return;
                } catch (ExecutionException | TimeoutException e) {
                    last = e;
                    Thread.sleep(500);
                }
            }
        }
        System.err.println("Kafka at " + bootstrap + " did not answer metadata requests: " + last);
        System.exit(1);
    }
}
